package io.trantor.agent.server;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.trantor.agent.ModelRegistry;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InferenceResponse;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.ServerMetadata;
import io.trantor.protocol.json.EncodedBody;
import io.trantor.protocol.json.OipJson;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The OIP REST binding (shared reference, seldon-api-surface.md §1.3) over a {@link ModelRegistry}.
 * Bodies are decoded and models run on the blocking-task executor, so a slow model never stalls
 * the event loops that also carry gRPC traffic.
 */
final class OipRestService {

  /** Triton's binary tensor extension: length of the JSON part of a mixed body. */
  static final String INFERENCE_HEADER_CONTENT_LENGTH = "inference-header-content-length";

  private final ModelRegistry registry;
  private final byte[] serverMetadataJson;

  private final boolean onEventLoop;

  OipRestService(ModelRegistry registry, ServerMetadata serverMetadata, boolean onEventLoop) {
    this.registry = registry;
    this.onEventLoop = onEventLoop;
    this.serverMetadataJson = OipJson.writeServerMetadata(serverMetadata);
  }

  void addRoutes(ServerBuilder sb) {
    sb.route().get("/v2/health/live").build((ctx, req) -> HttpResponse.of(HttpStatus.OK));
    sb.route().get("/v2/health/ready").build((ctx, req) -> HttpResponse.of(HttpStatus.OK));
    sb.route()
        .get("/v2")
        .build((ctx, req) -> HttpResponse.of(HttpStatus.OK, MediaType.JSON, serverMetadataJson));

    sb.route().get("/v2/models/{name}").build((ctx, req) -> handle(ctx, req, this::metadata));
    sb.route()
        .get("/v2/models/{name}/versions/{version}")
        .build((ctx, req) -> handle(ctx, req, this::metadata));
    sb.route().get("/v2/models/{name}/ready").build((ctx, req) -> handle(ctx, req, this::ready));
    sb.route()
        .get("/v2/models/{name}/versions/{version}/ready")
        .build((ctx, req) -> handle(ctx, req, this::ready));
    sb.route().post("/v2/models/{name}/infer").build((ctx, req) -> handle(ctx, req, this::infer));
    sb.route()
        .post("/v2/models/{name}/versions/{version}/infer")
        .build((ctx, req) -> handle(ctx, req, this::infer));

    sb.route().post("/v2/repository/index").build((ctx, req) -> handle(ctx, req, this::index));
    sb.route()
        .post("/v2/repository/models/{name}/load")
        .build((ctx, req) -> handle(ctx, req, this::load));
    sb.route()
        .post("/v2/repository/models/{name}/unload")
        .build((ctx, req) -> handle(ctx, req, this::unload));
  }

  /** A request whose body has been read, with the path's model name and version. */
  private record Call(ServiceRequestContext ctx, AggregatedHttpRequest request) {
    String name() {
      return ctx.pathParam("name");
    }

    String version() {
      return ctx.pathParam("version");
    }
  }

  private HttpResponse handle(
      ServiceRequestContext ctx,
      com.linecorp.armeria.common.HttpRequest req,
      Function<Call, HttpResponse> handler) {
    CompletableFuture<AggregatedHttpRequest> body = req.aggregate();
    CompletableFuture<HttpResponse> future =
        (onEventLoop
                ? body.thenApply(agg -> handler.apply(new Call(ctx, agg)))
                : body.thenApplyAsync(agg -> handler.apply(new Call(ctx, agg)), ctx.blockingTaskExecutor()))
            .exceptionally(OipErrorHandler::restResponse);
    return HttpResponse.of(future);
  }

  private HttpResponse metadata(Call call) {
    return HttpResponse.of(
        HttpStatus.OK,
        MediaType.JSON,
        OipJson.writeModelMetadata(registry.metadata(call.name(), call.version())));
  }

  private HttpResponse ready(Call call) {
    if (registry.isReady(call.name(), call.version())) {
      return HttpResponse.of(HttpStatus.OK);
    }
    // Not ready: let the registry say why (unknown -> 404, known but not ready -> 503).
    registry.metadata(call.name(), call.version());
    return OipErrorHandler.restResponse(
        new io.trantor.protocol.ModelNotReadyException(
            "model '" + call.name() + "' is not ready"));
  }

  private HttpResponse infer(Call call) {
    int jsonLength = jsonHeaderLength(call);
    InferenceRequest request =
        OipJson.readInferenceRequest(
            call.request().content().array(), jsonLength, call.name(), call.version());
    InferenceResponse response = registry.infer(request);
    EncodedBody body = OipJson.writeInferenceResponse(response, request);
    if (!body.hasBinaryPart()) {
      return HttpResponse.of(HttpStatus.OK, MediaType.JSON, body.bytes());
    }
    ResponseHeaders headers =
        ResponseHeaders.builder(HttpStatus.OK)
            .contentType(MediaType.OCTET_STREAM)
            .add(INFERENCE_HEADER_CONTENT_LENGTH, Integer.toString(body.jsonLength()))
            .build();
    return HttpResponse.of(headers, com.linecorp.armeria.common.HttpData.wrap(body.bytes()));
  }

  private static int jsonHeaderLength(Call call) {
    String header = call.request().headers().get(INFERENCE_HEADER_CONTENT_LENGTH);
    if (header == null) {
      return -1;
    }
    try {
      int length = Integer.parseInt(header.trim());
      if (length < 0 || length > call.request().content().length()) {
        throw new InvalidInputException(
            "header Inference-Header-Content-Length: " + length + " is outside the body of "
                + call.request().content().length() + " bytes");
      }
      return length;
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          "header Inference-Header-Content-Length: '" + header + "' is not a number");
    }
  }

  private HttpResponse index(Call call) {
    boolean readyOnly = OipJson.readRepositoryIndexReadyFlag(call.request().content().array());
    return HttpResponse.of(
        HttpStatus.OK, MediaType.JSON, OipJson.writeRepositoryIndex(registry.index(readyOnly)));
  }

  private HttpResponse load(Call call) {
    registry.load(call.name());
    return HttpResponse.of(HttpStatus.OK);
  }

  private HttpResponse unload(Call call) {
    registry.unload(call.name());
    return HttpResponse.of(HttpStatus.OK);
  }

  static boolean isRestPath(String path) {
    return path.startsWith("/v2");
  }
}
