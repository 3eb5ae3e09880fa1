package io.trantor.gateway.controlfeed;

import static java.util.Objects.requireNonNull;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.trantor.gateway.ingress.GatewayRoutes;
import io.trantor.protocol.control.RouteBatch;
import io.trantor.protocol.control.RouteServiceGrpc;
import io.trantor.protocol.control.WatchRoutesRequest;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a {@code RouteService.WatchRoutes} stream to the control plane and feeds
 * {@link GatewayRoutes}. When the stream ends it reconnects with a growing back-off; meanwhile the
 * gateway keeps serving the last table it had.
 */
public final class RouteWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RouteWatcher.class);
  static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final String target;
  private final GatewayRoutes routes;
  private final ManagedChannel channel;
  private final ScheduledExecutorService retries =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("trantor-route-watch").daemon().factory());
  private Duration backoff = FIRST_BACKOFF;
  private ClientCallStreamObserver<WatchRoutesRequest> call;
  private boolean closed;

  private RouteWatcher(String target, GatewayRoutes routes) {
    this.target = target;
    this.routes = routes;
    this.channel = ManagedChannelBuilder.forTarget(target).usePlaintext().build();
  }

  /** Starts watching; the first table arrives asynchronously. */
  public static RouteWatcher start(String controlTarget, GatewayRoutes routes) {
    RouteWatcher watcher = new RouteWatcher(requireNonNull(controlTarget, "controlTarget"), requireNonNull(routes, "routes"));
    watcher.subscribe();
    return watcher;
  }

  private synchronized void subscribe() {
    if (closed) {
      return;
    }
    RouteServiceGrpc.newStub(channel).watchRoutes(
        WatchRoutesRequest.newBuilder().setGateway("trantor-gateway").build(), new Observer());
  }

  private synchronized void scheduleReconnect(Throwable cause) {
    if (closed) {
      return;
    }
    log.warn("Route stream from {} ended ({}); serving the last {} routes, reconnecting in {} ms", target,
        cause == null ? "completed" : cause.getMessage(), routes.size(), backoff.toMillis());
    retries.schedule(this::subscribe, backoff.toMillis(), TimeUnit.MILLISECONDS);
    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
  }

  private synchronized void connected() {
    backoff = FIRST_BACKOFF;
  }

  @Override
  public void close() throws InterruptedException {
    ClientCallStreamObserver<WatchRoutesRequest> current;
    synchronized (this) {
      closed = true;
      current = call;
    }
    if (current != null) {
      current.cancel("gateway is stopping", null);
    }
    retries.shutdownNow();
    channel.shutdownNow();
    channel.awaitTermination(5, TimeUnit.SECONDS);
  }

  private final class Observer implements ClientResponseObserver<WatchRoutesRequest, RouteBatch> {
    private boolean first = true;

    @Override
    public void beforeStart(ClientCallStreamObserver<WatchRoutesRequest> requestStream) {
      synchronized (RouteWatcher.this) {
        call = requestStream;
      }
    }

    @Override
    public void onNext(RouteBatch batch) {
      routes.apply(batch);
      if (first) {
        first = false;
        connected();
        log.info("Route table from {}: {} models", target, routes.size());
      }
    }

    @Override
    public void onError(Throwable t) {
      scheduleReconnect(t);
    }

    @Override
    public void onCompleted() {
      scheduleReconnect(null);
    }
  }
}
