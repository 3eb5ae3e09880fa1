package io.trantor.gateway;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.trantor.gateway.internal.GatewayRoutes;
import io.trantor.gateway.internal.GatewayServer;
import io.trantor.gateway.internal.RouteWatcher;
import io.trantor.gateway.internal.Upstreams;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
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

  private Gateway(Server server, Deque<AutoCloseable> parts) {
    this.server = server;
    this.parts = parts;
  }

  /** Binds the port, starts watching routes, and serves until {@link #close()}. */
  public static Gateway start(GatewayConfig config) {
    requireNonNull(config, "config");
    Deque<AutoCloseable> started = new ArrayDeque<>();
    try {
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      started.push(metrics::close);
      Upstreams upstreams = new Upstreams();
      started.push(upstreams);
      GatewayRoutes routes = new GatewayRoutes(upstreams);
      RouteWatcher watcher = RouteWatcher.start(config.controlTarget(), routes);
      started.push(watcher);

      ServerBuilder sb = Server.builder().http(new InetSocketAddress(config.host(), config.port()));
      GatewayServer.configure(sb, config, routes, metrics);
      Server server = sb.build();
      server.start().join();
      started.push(() -> server.stop().join());
      log.info("Gateway listening on {}:{} (REST and gRPC), routes from {}", config.host(),
          server.activeLocalPort(), config.controlTarget());
      return new Gateway(server, started);
    } catch (RuntimeException e) {
      closeAll(started);
      throw e;
    }
  }

  /** The bound port (useful when the config asked for port 0). */
  public int port() {
    return server.activeLocalPort();
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
