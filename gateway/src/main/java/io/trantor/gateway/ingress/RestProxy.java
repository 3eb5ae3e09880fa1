package io.trantor.gateway.ingress;

import com.linecorp.armeria.client.RequestOptions;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.trantor.protocol.ModelNotFoundException;
import io.trantor.protocol.OipException;
import io.trantor.protocol.ServerMetadata;
import io.trantor.protocol.json.OipJson;
import java.util.concurrent.CompletableFuture;

/**
 * OIP REST at the gateway: health and server metadata answered here; everything under
 * {@code /v2/models/} forwarded to a replica of the routed model with the path rewritten to
 * {@code /v2/models/<model>_<version>/...} and the body passed on byte for byte; the replica's
 * answer streams back as it arrives.
 */
final class RestProxy {
  private static final String MODELS = "/v2/models/";
  static final String X_SELDON_ROUTE = "x-seldon-route";
  static final String SELDON_INTERNAL_MODEL = "seldon-internal-model";

  private final GatewayRoutes routes;
  private final LeastOutstanding balancer;
  private final InferMetrics metrics;
  private final ProxySettings config;
  private final PipelineEndpoint pipelines;
  private final byte[] serverMetadataJson;

  RestProxy(GatewayRoutes routes, LeastOutstanding balancer, InferMetrics metrics, ProxySettings config,
      ServerMetadata serverMetadata, PipelineEndpoint pipelines) {
    this.routes = routes;
    this.pipelines = pipelines;
    this.balancer = balancer;
    this.metrics = metrics;
    this.config = config;
    this.serverMetadataJson = OipJson.writeServerMetadata(serverMetadata);
  }

  void addRoutes(ServerBuilder sb) {
    sb.route().get("/v2/health/live").build((ctx, req) -> HttpResponse.of(HttpStatus.OK));
    sb.route().get("/v2/health/ready").build((ctx, req) -> HttpResponse.of(HttpStatus.OK));
    sb.route().get("/v2").build((ctx, req) -> HttpResponse.of(HttpStatus.OK, MediaType.JSON, serverMetadataJson));
    sb.route().pathPrefix(MODELS).methods(HttpMethod.GET, HttpMethod.POST).build(this::forward);
    sb.route().post("/v2/pipelines/{name}/infer").build((ctx, req) -> pipelines.restInfer(ctx, req,
        pipelines.routing(ctx.pathParam("name") + PipelineEndpoint.SUFFIX, req.headers())));
    sb.route().get("/v2/pipelines/{name}/ready").build((ctx, req) -> pipelines.restReady(ctx.pathParam("name")));
    sb.route().pathPrefix("/v2/pipelines/").build((ctx, req) -> OipErrorHandler.restResponse(
        new ModelNotFoundException("no such pipeline endpoint: " + ctx.method() + " " + ctx.path())).toHttpResponse());
  }

  private HttpResponse forward(ServiceRequestContext ctx, HttpRequest req) {
    long start = System.nanoTime();
    String tail = ctx.path().substring(MODELS.length());
    int slash = tail.indexOf('/');
    String named = slash < 0 ? tail : tail.substring(0, slash);
    String suffix = slash < 0 ? "" : tail.substring(slash);
    boolean infer = suffix.endsWith("/infer");
    String header = req.headers().get(GatewayRoutes.SELDON_MODEL);
    String requested = header != null && !header.isBlank() ? header.trim() : named;
    PipelineRouting pipeline = pipelines.routing(requested, req.headers());
    if (pipeline != null) {
      return forwardToPipeline(ctx, req, pipeline, suffix);
    }

    Routing routing;
    try {
      routing = routes.resolve(header, named, req.headers().getAll(X_SELDON_ROUTE));
    } catch (OipException e) {
      AggregatedHttpResponse error = OipErrorHandler.restResponse(e);
      if (infer) {
        metrics.record(requested, null, null, InferMetrics.REST, ctx.method().name(), error.status().codeAsText(),
            System.nanoTime() - start);
      }
      return error.toHttpResponse();
    }
    ModelTarget target = routing.target();
    ctx.addAdditionalResponseHeader(X_SELDON_ROUTE, target.seldonRoute());
    String requestId = ctx.attr(RequestIds.ID);

    // The request is held whole (a retry or the mirror sends it again); the answer streams back.
    CompletableFuture<AggregatedHttpRequest> body = req.aggregate();
    ReplicaCall<UpstreamAnswer> call = call(target, body, suffix, ctx.query(), requestId);
    if (infer && routing.mirror() != null) {
      mirror(routing.mirror(), body, suffix, ctx, requestId);
    }
    CompletableFuture<HttpResponse> response = body
        .thenCompose(agg -> call.run())
        .handle((upstream, error) -> {
          if (error != null) {
            AggregatedHttpResponse out = OipErrorHandler.restResponse(error);
            if (infer) {
              metrics.record(requested, target, call.replica(), InferMetrics.REST, ctx.method().name(),
                  out.status().codeAsText(), System.nanoTime() - start);
            }
            return out.toHttpResponse();
          }
          if (infer) {
            // Counted when the body has streamed through, as the time a caller waited for it all.
            upstream.trailers().whenComplete((trailers, failed) -> metrics.record(requested, target, call.replica(),
                InferMetrics.REST, ctx.method().name(), upstream.headers().status().codeAsText(),
                System.nanoTime() - start));
          }
          return upstream.passOn();
        });
    return HttpResponse.of(response);
  }

  /** Seldon's pipeline gateway answers infer and ready under {@code /v2/models/} for a pipeline header. */
  private HttpResponse forwardToPipeline(ServiceRequestContext ctx, HttpRequest req, PipelineRouting pipeline,
      String suffix) {
    if (suffix.equals("/infer") && ctx.method() == HttpMethod.POST) {
      return pipelines.restInfer(ctx, req, pipeline);
    }
    if (suffix.equals("/ready") && ctx.method() == HttpMethod.GET) {
      return pipelines.restReady(pipeline.pipeline());
    }
    return OipErrorHandler.restResponse(new ModelNotFoundException(
        "pipelines answer only infer and ready, not " + ctx.method() + " " + ctx.path())).toHttpResponse();
  }

  private ReplicaCall<UpstreamAnswer> call(ModelTarget target, CompletableFuture<AggregatedHttpRequest> body,
      String suffix, String query, String requestId) {
    String path = MODELS + target.internalName() + suffix + (query == null ? "" : "?" + query);
    RequestOptions options = RequestOptions.builder().responseTimeout(config.timeoutFor(target.model())).build();
    return new ReplicaCall<>(target, balancer, replica -> {
      AggregatedHttpRequest agg = body.join();
      RequestHeaders headers = ReplicaHeaders.of(agg.headers(), target, requestId).path(path).build();
      return UpstreamAnswer.of(replica.upstream().web().execute(HttpRequest.of(headers, agg.content()), options));
    });
  }

  /** Fire-and-forget copy to the mirror: its answer is dropped and never delays or fails the request. */
  private void mirror(ModelTarget mirror, CompletableFuture<AggregatedHttpRequest> body, String suffix,
      ServiceRequestContext ctx, String requestId) {
    long start = System.nanoTime();
    ReplicaCall<UpstreamAnswer> copy = call(mirror, body, suffix, ctx.query(), requestId);
    String method = ctx.method().name();
    body.thenCompose(agg -> copy.run()).thenCompose(answer -> answer.passOn().aggregate()).whenComplete((upstream, error) -> {
      String code = error == null ? upstream.status().codeAsText() : OipErrorHandler.restResponse(error).status().codeAsText();
      metrics.record(mirror.model(), mirror, copy.replica(), InferMetrics.REST, method, code, System.nanoTime() - start);
    });
  }
}
