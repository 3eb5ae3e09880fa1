package io.trantor.control.internal;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.trantor.protocol.control.ApplyRequest;
import io.trantor.protocol.control.ListRequest;
import io.trantor.protocol.control.ResourceRef;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON over HTTP for curl, through the same {@link ControlApi}: {@code POST /v1/apply} (the body is
 * a manifest), {@code GET /v1/models}, {@code GET /v1/models/{name}}, {@code GET /v1/servers},
 * {@code GET /v1/servers/{name}}; {@code ?namespace=} picks the namespace. Errors are
 * {@code {"code": "...", "message": "..."}} with 400, 404 or 412.
 */
public final class ControlHttpService {
  private static final Logger log = LoggerFactory.getLogger(ControlHttpService.class);
  private static final JsonFormat.Printer JSON = JsonFormat.printer().alwaysPrintFieldsWithNoPresence();

  private final ControlApi api;

  public ControlHttpService(ControlApi api) {
    this.api = requireNonNull(api, "api");
  }

  public void configure(ServerBuilder sb) {
    sb.route().post("/v1/apply").build((HttpService) (ctx, req) -> HttpResponse.of(
        req.aggregate().thenApplyAsync(body -> respond(() -> api.apply(ApplyRequest.newBuilder()
            .setManifest(body.contentUtf8())
            .setSource(sourceOf(ctx))
            .build())), ctx.blockingTaskExecutor())));
    sb.route().get("/v1/models").build((HttpService) (ctx, req) -> blocking(ctx, () -> api.list(
        ListRequest.newBuilder().setKind("Model").setNamespace(namespaceOf(ctx, "")).build())));
    sb.route().get("/v1/models/{name}").build((HttpService) (ctx, req) -> blocking(ctx, () -> api.status(
        ref(ctx, "Model"))));
    sb.route().get("/v1/servers").build((HttpService) (ctx, req) -> blocking(ctx, () -> api.list(
        ListRequest.newBuilder().setKind("Server").setNamespace(namespaceOf(ctx, "")).build())));
    sb.route().get("/v1/servers/{name}").build((HttpService) (ctx, req) -> blocking(ctx, () -> api.status(
        ref(ctx, "Server"))));
    sb.route().get("/v1/experiments").build((HttpService) (ctx, req) -> blocking(ctx, () -> api.list(
        ListRequest.newBuilder().setKind("Experiment").setNamespace(namespaceOf(ctx, "")).build())));
    sb.route().get("/v1/experiments/{name}").build((HttpService) (ctx, req) -> blocking(ctx, () -> api.status(
        ref(ctx, "Experiment"))));
  }

  private static ResourceRef ref(ServiceRequestContext ctx, String kind) {
    return ResourceRef.newBuilder()
        .setKind(kind)
        .setNamespace(namespaceOf(ctx, "default"))
        .setName(requireNonNull(ctx.pathParam("name"), "name"))
        .build();
  }

  private static String namespaceOf(ServiceRequestContext ctx, String otherwise) {
    String ns = ctx.queryParam("namespace");
    return ns == null || ns.isBlank() ? otherwise : ns;
  }

  private static String sourceOf(ServiceRequestContext ctx) {
    String source = ctx.queryParam("source");
    return source == null || source.isBlank() ? "-" : source;
  }

  private static HttpResponse blocking(ServiceRequestContext ctx, Supplier<? extends MessageOrBuilder> call) {
    return HttpResponse.of(CompletableFuture.supplyAsync(() -> respond(call), ctx.blockingTaskExecutor()));
  }

  private static HttpResponse respond(Supplier<? extends MessageOrBuilder> call) {
    try {
      return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, JSON.print(call.get()) + "\n");
    } catch (ControlException e) {
      HttpStatus status = switch (e) {
        case ControlException.NotFound n -> HttpStatus.NOT_FOUND;
        case ControlException.Invalid i -> HttpStatus.BAD_REQUEST;
        case ControlException.FailedPrecondition f -> HttpStatus.PRECONDITION_FAILED;
        default -> HttpStatus.INTERNAL_SERVER_ERROR;
      };
      return error(status, e.getMessage());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot print a response as JSON", e);
    } catch (RuntimeException e) {
      log.error("Control HTTP call failed", e);
      return error(HttpStatus.INTERNAL_SERVER_ERROR, String.valueOf(e.getMessage()));
    }
  }

  private static HttpResponse error(HttpStatus status, String message) {
    String body = "{\"code\": " + quote(status.reasonPhrase()) + ", \"message\": " + quote(message) + "}\n";
    return HttpResponse.of(status, MediaType.JSON_UTF_8, body);
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
