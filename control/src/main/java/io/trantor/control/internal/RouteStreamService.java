package io.trantor.control.internal;

import static java.util.Objects.requireNonNull;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.trantor.control.live.ChangeFeed;
import io.trantor.control.live.RouteFeed;
import io.trantor.control.live.RouteTable;
import io.trantor.protocol.control.RouteBatch;
import io.trantor.protocol.control.RouteServiceGrpc;
import io.trantor.protocol.control.RouteUpdate;
import io.trantor.protocol.control.WatchRoutesRequest;
import io.trantor.protocol.control.watch.StreamPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code RouteService.WatchRoutes}: streams the {@link RouteTable}'s {@link ChangeFeed} to gateways
 * (the whole table first, or what a resuming gateway missed, then every change), so a gateway never
 * waits for Temporal on the request path.
 */
public final class RouteStreamService extends RouteServiceGrpc.RouteServiceImplBase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RouteStreamService.class);

  private final ChangeFeed<RouteUpdate> feed;
  private final FeedStreams<RouteUpdate, RouteBatch> streams;

  public RouteStreamService(RouteTable table) {
    this(table, LiveStateGate.open());
  }

  public RouteStreamService(RouteTable table, LiveStateGate gate) {
    this.feed = new RouteFeed(requireNonNull(table, "table")).feed();
    this.streams = new FeedStreams<>(gate, RouteUpdate::getNamespace, batch -> RouteBatch.newBuilder()
        .setFull(batch.full()).addAllUpdates(batch.updates()).setEpoch(batch.epoch()).setVersion(batch.version()).build());
  }

  @Override
  public void watchRoutes(WatchRoutesRequest request, StreamObserver<RouteBatch> observer) {
    String namespace = request.getNamespace();
    streams.watch(feed, new StreamPosition(request.getEpoch(), request.getAfterVersion()), namespace,
        (ServerCallStreamObserver<RouteBatch>) observer, () -> {});
    log.info("Gateway {} watches routes (namespace '{}')", request.getGateway(), namespace);
  }

  /** Ends every stream; gateways reconnect to the next control plane. */
  @Override
  public void close() {
    streams.close();
  }
}
