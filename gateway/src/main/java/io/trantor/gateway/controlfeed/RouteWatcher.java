package io.trantor.gateway.controlfeed;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import static java.util.Objects.requireNonNull;

import io.trantor.gateway.ingress.GatewayRoutes;
import io.trantor.protocol.control.RouteBatch;
import io.trantor.protocol.control.WatchRoutesRequest;
import io.trantor.protocol.control.watch.WatchClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a {@code RouteService.WatchRoutes} stream to the control plane and feeds
 * {@link GatewayRoutes}. When the stream ends the {@link WatchClient} reconnects with a growing
 * back-off; meanwhile the gateway keeps serving the last table it had, and the next full batch
 * replaces it.
 */
public final class RouteWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RouteWatcher.class);

  private final WatchClient<WatchRoutesRequest, RouteBatch> client;

  private RouteWatcher(String controlTarget, String gateway, GatewayRoutes routes, ChannelCredentials credentials) {
    this.client = WatchClient.routes(controlTarget, gateway, credentials, batch -> {
      routes.apply(batch);
      if (batch.getFull()) {
        log.info("Route table from {}: {} models", controlTarget, routes.size());
      }
    });
  }

  /** Starts watching as {@code gateway}; the first table arrives asynchronously. */
  public static RouteWatcher start(String controlTarget, String gateway, GatewayRoutes routes) {
    return start(controlTarget, gateway, routes, InsecureChannelCredentials.create());
  }

  /** Starts watching over a channel with {@code credentials} (TLS to a control plane that has it). */
  public static RouteWatcher start(String controlTarget, String gateway, GatewayRoutes routes, ChannelCredentials credentials) {
    RouteWatcher watcher = new RouteWatcher(requireNonNull(controlTarget, "controlTarget"),
        requireNonNull(gateway, "gateway"), requireNonNull(routes, "routes"), requireNonNull(credentials, "credentials"));
    watcher.client.start();
    return watcher;
  }

  @Override
  public void close() throws InterruptedException {
    client.close();
  }
}
