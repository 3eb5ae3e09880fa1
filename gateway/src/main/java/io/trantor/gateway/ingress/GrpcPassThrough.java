package io.trantor.gateway.ingress;

import com.linecorp.armeria.client.RequestOptions;
import com.linecorp.armeria.client.ResponseTimeoutException;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpHeaders;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.util.Exceptions;
import com.linecorp.armeria.common.util.SafeCloseable;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.SimpleDecoratingHttpService;
import io.grpc.Status;
import io.trantor.protocol.OipException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The fast path of gRPC {@code ModelInfer} to a model: the request frame goes to the replica as
 * the caller sent it, and the replica's answer comes back as it streams, neither decoded nor
 * re-encoded. Only {@code model_name} is read from the frame, for routing (the same route table,
 * experiments, sticky routes, mirror and retries as {@link GrpcProxy}); the routed
 * {@code <model>_<version>} travels in {@code seldon-internal-model}, which the agent reads
 * instead of the message's name. Everything else (other methods, pipelines, grpc-web, JSON,
 * compressed messages, unknown models) goes to the decorated {@link GrpcProxy}, which answers as
 * before.
 */
final class GrpcPassThrough extends SimpleDecoratingHttpService {
  static final String MODEL_INFER = "/inference.GRPCInferenceService/ModelInfer";
  private static final MediaType GRPC = MediaType.parse("application/grpc+proto");
  private static final String GRPC_ENCODING = "grpc-encoding";
  private static final String GRPC_TIMEOUT = "grpc-timeout";
  private static final String GRPC_STATUS = "grpc-status";
  private static final String GRPC_MESSAGE = "grpc-message";

  private final GatewayRoutes routes;
  private final LeastOutstanding balancer;
  private final InferMetrics metrics;
  private final ProxySettings config;

  GrpcPassThrough(HttpService grpcProxy, GatewayRoutes routes, LeastOutstanding balancer, InferMetrics metrics,
      ProxySettings config) {
    super(grpcProxy);
    this.routes = routes;
    this.balancer = balancer;
    this.metrics = metrics;
    this.config = config;
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) throws Exception {
    if (!plainModelInfer(req.headers()) || PipelineEndpoint.isPipeline(nonBlank(req.headers().get(GatewayRoutes.SELDON_MODEL)))) {
      return unwrap().serve(ctx, req);
    }
    long start = System.nanoTime();
    return HttpResponse.of(req.aggregate().handle((agg, error) -> {
      if (error != null) {
        return trailersOnly(OipErrorHandler.grpcStatus(error));
      }
      try (SafeCloseable ignored = ctx.push()) {
        return forward(ctx, agg, start);
      }
    }));
  }

  /** Unary ModelInfer in protobuf, uncompressed: what a plain gRPC client (tritonclient, ghz, grpc-java) sends. */
  private static boolean plainModelInfer(RequestHeaders headers) {
    if (headers.method() != HttpMethod.POST || !MODEL_INFER.equals(headers.path())) {
      return false;
    }
    MediaType type = headers.contentType();
    if (type == null || !"application".equals(type.type())
        || !("grpc".equals(type.subtype()) || "grpc+proto".equals(type.subtype()))) {
      return false;
    }
    String encoding = headers.get(GRPC_ENCODING);
    return encoding == null || "identity".equals(encoding);
  }

  private HttpResponse forward(ServiceRequestContext ctx, AggregatedHttpRequest agg, long start) {
    ModelInferFrame frame = ModelInferFrame.read(agg.content().array());
    String header = nonBlank(agg.headers().get(GatewayRoutes.SELDON_MODEL));
    String requested = header != null ? header : frame == null ? null : frame.modelName();
    if (frame == null || PipelineEndpoint.isPipeline(requested)) {
      return decoded(ctx, agg);
    }
    Routing routing;
    try {
      routing = routes.resolve(header, frame.modelName(), agg.headers().getAll(RestProxy.X_SELDON_ROUTE));
    } catch (OipException e) {
      // The decoding path answers (and counts) unknown models and experiments the same way.
      return decoded(ctx, agg);
    }
    ModelTarget target = routing.target();
    RequestMetrics.routed(ctx, RequestMetrics.MODEL, target.model());
    ctx.addAdditionalResponseHeader(RestProxy.X_SELDON_ROUTE, target.seldonRoute());
    ReplicaHeaders.Hop hop = ReplicaHeaders.Hop.of(ctx);
    if (routing.mirror() != null) {
      mirror(routing.mirror(), agg, hop);
    }
    ReplicaCall<UpstreamAnswer> call = call(target, agg, hop);
    return HttpResponse.of(call.run().handle((answer, error) -> {
      if (error != null) {
        Status status = statusOf(error, target);
        record(requested, target, call.replica(), status.getCode(), start);
        return trailersOnly(status);
      }
      answer.trailers().whenComplete((trailers, failed) ->
          record(requested, target, call.replica(), code(answer.headers(), trailers, failed), start));
      return answer.passOn();
    }));
  }

  /** Fire-and-forget copy to the mirror: its answer is dropped and never delays or fails the request. */
  private void mirror(ModelTarget mirror, AggregatedHttpRequest agg, ReplicaHeaders.Hop hop) {
    long start = System.nanoTime();
    ReplicaCall<UpstreamAnswer> copy = call(mirror, agg, hop);
    copy.run().thenCompose(answer -> answer.passOn().aggregate()).whenComplete((response, error) -> {
      Status.Code code = error != null ? statusOf(error, mirror).getCode()
          : code(response.headers(), response.trailers(), null);
      record(mirror.model(), mirror, copy.replica(), code, start);
    });
  }

  private ReplicaCall<UpstreamAnswer> call(ModelTarget target, AggregatedHttpRequest agg, ReplicaHeaders.Hop hop) {
    Duration timeout = config.timeoutFor(target.model());
    // The gateway keeps the deadline itself (the model's timeout, answered DEADLINE_EXCEEDED), as
    // the decoding path's stub does; with the caller's grpc-timeout the replica's own deadline
    // answered first, as UNAVAILABLE (GatewayTest.answersGatewayTimeoutWhenAModelIsSlowerThanItsTimeout).
    // A caller that gives up cancels the stream, and with it the replica's call.
    RequestHeaders headers = ReplicaHeaders.of(agg.headers(), target, hop)
        .removeAndThen(GRPC_TIMEOUT)
        .build();
    RequestOptions options = RequestOptions.builder().responseTimeout(timeout).build();
    // The aggregated content is an unpooled array, so every attempt (and the mirror) can send it again.
    return new ReplicaCall<>(target, balancer, replica ->
        UpstreamAnswer.of(replica.upstream().web().execute(HttpRequest.of(headers, agg.content()), options)));
  }

  private void record(String requested, ModelTarget target, Replica replica, Status.Code code, long start) {
    metrics.record(requested, target, replica, InferMetrics.GRPC, InferMetrics.GRPC, InferMetrics.grpcCode(code),
        System.nanoTime() - start);
  }

  /** Hands the already read request to the decoding path, in this request's context. */
  private HttpResponse decoded(ServiceRequestContext ctx, AggregatedHttpRequest agg) {
    HttpRequest again = HttpRequest.of(agg.headers(), agg.content(), agg.trailers());
    ctx.updateRequest(again);
    try {
      return unwrap().serve(ctx, again);
    } catch (Exception e) {
      return HttpResponse.ofFailure(e);
    }
  }

  /**
   * What the caller gets when no replica answered: the OIP mapping, but DEADLINE_EXCEEDED for the
   * model's timeout, as the decoding path's stub deadline answers it.
   */
  private Status statusOf(Throwable error, ModelTarget target) {
    if (Exceptions.peel(error) instanceof ResponseTimeoutException) {
      return Status.DEADLINE_EXCEEDED.withDescription("model '" + target.model() + "' did not answer within "
          + config.timeoutFor(target.model()).toMillis() + " ms");
    }
    return OipErrorHandler.grpcStatus(error);
  }

  /** The replica's gRPC status: in its trailers, or in its headers for a trailers-only answer. */
  private static Status.Code code(ResponseHeaders headers, HttpHeaders trailers, Throwable failed) {
    String value = trailers == null ? null : trailers.get(GRPC_STATUS);
    if (value == null) {
      value = headers.get(GRPC_STATUS);
    }
    if (value == null) {
      return failed != null ? Status.fromThrowable(failed).getCode() : Status.Code.UNKNOWN;
    }
    try {
      return Status.fromCodeValue(Integer.parseInt(value.trim())).getCode();
    } catch (NumberFormatException e) {
      return Status.Code.UNKNOWN;
    }
  }

  /** A gRPC error as a trailers-only response, the way a gRPC server answers a call it fails at once. */
  static HttpResponse trailersOnly(Status status) {
    ResponseHeaders headers = ResponseHeaders.builder(HttpStatus.OK)
        .contentType(GRPC)
        .set(GRPC_STATUS, Integer.toString(status.getCode().value()))
        .set(GRPC_MESSAGE, percentEncoded(status.getDescription() == null ? "" : status.getDescription()))
        // gRPC clients read the status from headers only when they end the stream.
        .endOfStream(true)
        .build();
    return HttpResponse.of(headers);
  }

  /** gRPC's grpc-message encoding: printable ASCII but '%' as is, every other UTF-8 byte as %XX. */
  static String percentEncoded(String message) {
    StringBuilder out = new StringBuilder(message.length());
    for (byte b : message.getBytes(StandardCharsets.UTF_8)) {
      if (b >= ' ' && b <= '~' && b != '%') {
        out.append((char) b);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return out.toString();
  }

  private static String nonBlank(String header) {
    return header == null || header.isBlank() ? null : header.trim();
  }
}
