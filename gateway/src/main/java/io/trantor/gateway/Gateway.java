package io.trantor.gateway;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.trantor.gateway.ingress.GatewayRoutes;
import io.trantor.gateway.ingress.GatewayServer;
import io.trantor.gateway.controlfeed.RouteWatcher;
import io.trantor.gateway.ingress.Upstreams;
import io.trantor.security.BearerAuth;
import io.trantor.gateway.pipelinehost.GatewayPipelines;
import io.trantor.gateway.controlfeed.PipelineWatcher;
import io.trantor.gateway.pipelinehost.ModelGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import io.trantor.gateway.pipelinehost.PipelineGateway;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data-plane ingress (Seldon's Envoy): OIP REST and gRPC on one port, each request routed by
 * its {@code Seldon-Model} header or the model name it names to a replica of the model's serving
 * version. The route table streams in from the control plane; when that stream breaks, the
 * gateway keeps serving its last table and reconnects.
 */
public final class Gateway implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Gateway.class);

  private final Server server;
  private final Deque<AutoCloseable> parts;
  private final PipelineGateway pipelineGateway;
  private final ModelGateway modelGateway;

  private Gateway(Server server, Deque<AutoCloseable> parts, PipelineGateway pipelineGateway, ModelGateway modelGateway) {
    this.server = server;
    this.parts = parts;
    this.pipelineGateway = pipelineGateway;
    this.modelGateway = modelGateway;
  }

  /** Binds the port, starts watching routes, and serves until {@link #close()}. */
  public static Gateway start(GatewayConfig config) {
    return start(config, GatewaySecurity.NONE);
  }

  /**
   * As {@link #start(GatewayConfig)}, with TLS on the listener and on the hops to the control plane
   * and the replicas, and bearer tokens required on everything but health and metrics.
   */
  public static Gateway start(GatewayConfig config, GatewaySecurity security) {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try {
      Gateway gateway = start(config, security, metrics, OpenTelemetry.noop());
      gateway.parts.addLast(metrics::close);
      return gateway;
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
  }

  /**
   * As {@link #start(GatewayConfig)}, recording into {@code metrics} and serving it on
   * {@code /metrics}: {@code trantor up} passes one registry to every part it runs, so each
   * {@code /metrics} shows them all. The caller closes it.
   */
  public static Gateway start(GatewayConfig config, PrometheusMeterRegistry metrics) {
    return start(config, GatewaySecurity.NONE, metrics, OpenTelemetry.noop());
  }

  /** As {@link #start(GatewayConfig, PrometheusMeterRegistry)}, tracing with {@code openTelemetry}. */
  public static Gateway start(GatewayConfig config, PrometheusMeterRegistry metrics, OpenTelemetry openTelemetry) {
    return start(config, GatewaySecurity.NONE, metrics, openTelemetry);
  }

  /**
   * The gateway with TLS and bearer tokens as {@code security} says, recording into {@code metrics}
   * (the caller closes it), and a SERVER span for every request (continuing the caller's
   * {@code traceparent}) whose context goes on to the replica, when {@code openTelemetry} is not
   * {@link OpenTelemetry#noop()}. The caller owns its SDK.
   */
  public static Gateway start(GatewayConfig config, GatewaySecurity security, PrometheusMeterRegistry metrics,
      OpenTelemetry openTelemetry) {
    requireNonNull(config, "config");
    requireNonNull(security, "security");
    requireNonNull(metrics, "metrics");
    requireNonNull(openTelemetry, "openTelemetry");
    Deque<AutoCloseable> started = new ArrayDeque<>();
    try {
      Upstreams upstreams = new Upstreams(security.toReplicas());
      started.push(upstreams);
      GatewayRoutes routes = new GatewayRoutes(upstreams);
      // One id per gateway process: it names this replica's watches, reports and Kafka clients.
      String gatewayId = "trantor-gateway-" + UUID.randomUUID().toString().substring(0, 8);
      RouteWatcher watcher = RouteWatcher.start(config.controlTarget(), gatewayId, routes, security.toControl().channelCredentials());
      started.push(watcher);

      PipelineGateway pipelines = null;
      ModelGateway models = null;
      if (config.kafka() != null) {
        pipelines = new PipelineGateway(config.kafka(), gatewayId, config.requestTimeout());
        started.push(pipelines);
        models = new ModelGateway(config.kafka(), gatewayId, GatewayServer.modelCaller(routes, config.proxy()));
        started.push(models);
        // The pipelines' Kafka Streams state (join windows) is rebuilt from changelog topics, so a
        // fresh folder per process is enough.
        Path stateDir = Files.createTempDirectory("trantor-dataflow-");
        started.push(() -> deleteRecursively(stateDir));
        GatewayPipelines hosted = new GatewayPipelines(config.kafka(), stateDir, pipelines, models);
        started.push(hosted);
        PipelineWatcher pipelineWatcher = PipelineWatcher.start(config.controlTarget(), gatewayId, hosted,
            security.toControl().channelCredentials());
        hosted.reportTo(pipelineWatcher::report);
        started.push(pipelineWatcher);
      }

      ServerBuilder sb = Server.builder();
      security.listener().bind(sb, new InetSocketAddress(config.host(), config.port()));
      GatewayServer.configure(sb, config.proxy(), routes, metrics, pipelines, openTelemetry);
      security.auth().ifPresent(verifier -> sb.decorator(new BearerAuth(verifier, BearerAuth::notHealthOrMetrics,
          "send Authorization: Bearer <JWT> from the configured issuer")));
      Server server = sb.build();
      server.start().join();
      started.push(() -> server.stop().join());
      log.info("Gateway listening on {}://{}:{} (REST and gRPC{}), routes from {}, pipelines {}",
          security.listener().scheme(), config.host(), server.activeLocalPort(),
          security.auth().isPresent() ? ", bearer tokens required" : "",
          config.controlTarget(),
          config.kafka() == null ? "off (no Kafka)" : "over Kafka " + config.kafka().bootstrapServers());
      return new Gateway(server, started, pipelines, models);
    } catch (IOException e) {
      closeAll(started);
      throw new UncheckedIOException("cannot create the dataflow state folder", e);
    } catch (RuntimeException e) {
      closeAll(started);
      throw e;
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** The bound port (useful when the config asked for port 0). */
  public int port() {
    return server.activeLocalPort();
  }

  /** Synchronous pipeline requests over Kafka; present when the config has Kafka settings. */
  public Optional<PipelineGateway> pipelineGateway() {
    return Optional.ofNullable(pipelineGateway);
  }

  /** Serves models to Kafka topics; present when the config has Kafka settings. */
  public Optional<ModelGateway> modelGateway() {
    return Optional.ofNullable(modelGateway);
  }

  @Override
  public void close() {
    closeAll(parts);
    log.info("Gateway stopped");
  }

  /** Closes in reverse start order, going on when one part fails. */
  private static void closeAll(Deque<AutoCloseable> started) {
    while (!started.isEmpty()) {
      AutoCloseable part = started.pop();
      try {
        part.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        log.warn("Closing {} failed", part, e);
      }
    }
  }
}
