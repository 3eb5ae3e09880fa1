package io.trantor.gateway.ingress;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.grpc.GrpcService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.trantor.gateway.pipelinehost.ModelCaller;
import io.trantor.gateway.pipelinehost.PipelineGateway;
import io.trantor.gateway.pipelinehost.PipelineMetrics;
import io.trantor.protocol.ServerMetadata;
import java.time.Duration;
import java.util.List;

/** Wires the gateway's services onto a {@link ServerBuilder}; binding a port is the caller's job. */
public final class GatewayServer {
  private static final MediaType PROMETHEUS_TEXT = MediaType.parse("text/plain; version=0.0.4; charset=utf-8");

  private GatewayServer() {}

  public static void configure(
      ServerBuilder sb, ProxySettings config, GatewayRoutes routes, PrometheusMeterRegistry registry) {
    configure(sb, config, routes, registry, null);
  }

  /**
   * @param pipelines answers {@code <p>.pipeline} requests; null when the gateway runs without
   *     Kafka (pipelines then answer 404)
   */
  public static void configure(ServerBuilder sb, ProxySettings config, GatewayRoutes routes,
      PrometheusMeterRegistry registry, PipelineGateway pipelines) {
    configure(sb, config, routes, registry, pipelines, OpenTelemetry.noop());
  }

  /** As above, with a SERVER span per request and its context carried to the replica when {@code openTelemetry} traces. */
  public static void configure(ServerBuilder sb, ProxySettings config, GatewayRoutes routes,
      PrometheusMeterRegistry registry, PipelineGateway pipelines, OpenTelemetry openTelemetry) {
    PipelineEndpoint pipelineEndpoint = new PipelineEndpoint(pipelines, routes, new PipelineMetrics(registry));
    RequestMetrics requestMetrics = new RequestMetrics(registry);
    ServerMetadata metadata = new ServerMetadata("trantor-gateway", versionOfThisBuild(), List.of());
    LeastOutstanding balancer = new LeastOutstanding();
    InferMetrics metrics = new InferMetrics(registry);
    sb.maxRequestLength(config.maxRequestBytes());
    // Each forwarded request carries its model's timeout; the server adds none of its own.
    sb.requestTimeout(Duration.ZERO);
    sb.errorHandler(new OipErrorHandler());
    sb.gracefulShutdownTimeout(Duration.ofMillis(200), Duration.ofSeconds(5));
    RequestSpans spans = new RequestSpans(openTelemetry);
    if (spans.enabled()) {
      // Added before RequestIds, so inside it: the span sees the request id it settled on.
      sb.decorator(spans::decorate);
    }
    sb.decorator(RequestIds::new);
    // Outermost: the request metrics see the final status, whichever layer answered.
    sb.decorator(requestMetrics::decorate);
    new RestProxy(routes, balancer, metrics, config, metadata, pipelineEndpoint).addRoutes(sb);
    sb.service("/metrics", (ctx, req) -> HttpResponse.of(HttpStatus.OK, PROMETHEUS_TEXT, registry.scrape()));
    sb.service(GrpcService.builder()
        .addService(new GrpcProxy(routes, balancer, metrics, config, metadata, pipelineEndpoint))
        .maxRequestMessageLength(Math.toIntExact(Math.min(config.maxRequestBytes(), Integer.MAX_VALUE)))
        .build(),
        grpcProxy -> new GrpcPassThrough(grpcProxy, routes, balancer, metrics, config));
  }

  /** Calls models the way the gRPC proxy does (route table, balancing, per-model timeout), for the model gateway. */
  public static ModelCaller modelCaller(GatewayRoutes routes, ProxySettings config) {
    return new RoutedModelCaller(routes, new LeastOutstanding(), config);
  }

  private static String versionOfThisBuild() {
    String version = GatewayServer.class.getPackage().getImplementationVersion();
    return version != null ? version : "0.1.0-SNAPSHOT";
  }
}
