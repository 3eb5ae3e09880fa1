package io.trantor.control.internal;

import static java.util.Objects.requireNonNull;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.trantor.activities.RouteListener;
import io.trantor.activities.RouteTable;
import io.trantor.protocol.control.ExperimentCandidate;
import io.trantor.protocol.control.ExperimentMirror;
import io.trantor.protocol.control.ExperimentRouteUpdate;
import io.trantor.protocol.control.RouteBatch;
import io.trantor.protocol.control.RouteEndpoint;
import io.trantor.protocol.control.RouteServiceGrpc;
import io.trantor.protocol.control.RouteUpdate;
import io.trantor.protocol.control.WatchRoutesRequest;
import io.trantor.workflows.activity.ExperimentRoute;
import io.trantor.workflows.activity.ModelRoute;
import io.trantor.workflows.activity.ReplicaTarget;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code RouteService.WatchRoutes}: streams the {@link RouteTable} to gateways, the whole table
 * first and then every change, so a gateway never waits for Temporal on the request path.
 */
public final class RouteStreamService extends RouteServiceGrpc.RouteServiceImplBase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RouteStreamService.class);

  private final RouteTable table;
  private final LiveStateGate gate;
  private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();

  public RouteStreamService(RouteTable table) {
    this(table, LiveStateGate.open());
  }

  public RouteStreamService(RouteTable table, LiveStateGate gate) {
    this.table = requireNonNull(table, "table");
    this.gate = requireNonNull(gate, "gate");
  }

  @Override
  public void watchRoutes(WatchRoutesRequest request, StreamObserver<RouteBatch> observer) {
    Watcher watcher = new Watcher(request.getNamespace(), (ServerCallStreamObserver<RouteBatch>) observer);
    watcher.call.setOnCancelHandler(watcher::stop);
    watchers.add(watcher);
    // Holding the watcher's lock while it subscribes and sends the table keeps changes after it.
    // No snapshot before the table is rebuilt after a restart: an empty or partial one would make
    // the gateway drop routes it still serves.
    gate.whenOpen(() -> {
      synchronized (watcher) {
        if (!watchers.contains(watcher)) {
          return; // cancelled while the gate was closed
        }
        table.addListener(watcher);
        RouteBatch.Builder full = RouteBatch.newBuilder().setFull(true);
        table.routes().stream().filter(r -> watcher.wants(r.namespace())).forEach(r -> full.addUpdates(update(r)));
        table.experiments().stream().filter(e -> watcher.wants(e.namespace())).forEach(e -> full.addUpdates(update(e)));
        watcher.send(full.build());
      }
    });
    log.info("Gateway {} watches routes (namespace '{}')", request.getGateway(), request.getNamespace());
  }

  /** Ends every stream; gateways reconnect to the next control plane. */
  @Override
  public void close() {
    for (Watcher watcher : watchers) {
      watcher.stop();
      synchronized (watcher) {
        try {
          watcher.call.onError(Status.UNAVAILABLE.withDescription("control plane is stopping").asRuntimeException());
        } catch (IllegalStateException e) {
          // already closed or cancelled
        }
      }
    }
  }

  static RouteUpdate update(ModelRoute route) {
    RouteUpdate.Builder update =
        RouteUpdate.newBuilder().setNamespace(route.namespace()).setModel(route.model()).setVersion(route.version());
    for (ReplicaTarget target : route.endpoints()) {
      update.addEndpoints(RouteEndpoint.newBuilder()
          .setServer(target.server())
          .setReplicaIndex(target.replicaIndex())
          .setEndpoint(target.endpoint() == null ? "" : target.endpoint()));
    }
    return update.build();
  }

  static RouteUpdate update(ExperimentRoute route) {
    ExperimentRouteUpdate.Builder experiment = ExperimentRouteUpdate.newBuilder()
        .setName(route.name())
        .setDefaultModel(route.defaultModel() == null ? "" : route.defaultModel());
    route.candidates().forEach(c -> experiment.addCandidates(
        ExperimentCandidate.newBuilder().setModel(c.model()).setWeight(c.weight())));
    if (route.mirror() != null) {
      experiment.setMirror(ExperimentMirror.newBuilder().setModel(route.mirror().model()).setPercent(route.mirror().percent()));
    }
    return RouteUpdate.newBuilder().setNamespace(route.namespace()).setExperiment(experiment).build();
  }

  private final class Watcher implements RouteListener {
    private final String namespace;
    private final ServerCallStreamObserver<RouteBatch> call;

    Watcher(String namespace, ServerCallStreamObserver<RouteBatch> call) {
      this.namespace = namespace;
      this.call = call;
    }

    boolean wants(String routeNamespace) {
      return namespace.isEmpty() || namespace.equals(routeNamespace);
    }

    @Override
    public void routeChanged(ModelRoute route) {
      if (wants(route.namespace())) {
        send(RouteBatch.newBuilder().addUpdates(update(route)).build());
      }
    }

    @Override
    public void routeRemoved(String routeNamespace, String model) {
      if (wants(routeNamespace)) {
        send(RouteBatch.newBuilder()
            .addUpdates(RouteUpdate.newBuilder().setNamespace(routeNamespace).setModel(model).setRemoved(true))
            .build());
      }
    }

    @Override
    public void experimentChanged(ExperimentRoute route) {
      if (wants(route.namespace())) {
        send(RouteBatch.newBuilder().addUpdates(update(route)).build());
      }
    }

    @Override
    public void experimentRemoved(String routeNamespace, String name) {
      if (wants(routeNamespace)) {
        send(RouteBatch.newBuilder()
            .addUpdates(RouteUpdate.newBuilder().setNamespace(routeNamespace).setRemoved(true)
                .setExperiment(ExperimentRouteUpdate.newBuilder().setName(name)))
            .build());
      }
    }

    synchronized void send(RouteBatch batch) {
      try {
        call.onNext(batch);
      } catch (RuntimeException e) {
        // The gateway went away between the change and the send.
        stop();
      }
    }

    void stop() {
      table.removeListener(this);
      watchers.remove(this);
    }
  }
}
