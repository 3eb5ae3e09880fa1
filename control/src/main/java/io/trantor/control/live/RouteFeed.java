package io.trantor.control.live;

import io.trantor.protocol.control.ExperimentCandidate;
import io.trantor.protocol.control.ExperimentMirror;
import io.trantor.protocol.control.ExperimentRouteUpdate;
import io.trantor.protocol.control.RouteEndpoint;
import io.trantor.protocol.control.RouteUpdate;
import io.trantor.workflows.activity.ExperimentRoute;
import io.trantor.workflows.activity.ModelRoute;
import io.trantor.workflows.activity.ReplicaTarget;

/** The {@link RouteTable} as a {@link ChangeFeed} of {@code RouteUpdate}s: model routes and experiment routes. */
public final class RouteFeed implements RouteListener {

  private final ChangeFeed<RouteUpdate> feed = new ChangeFeed<>(ChangeFeed.Rows.of(
      update -> update.hasExperiment()
          ? update.getNamespace() + "\u0000experiment\u0000" + update.getExperiment().getName()
          : update.getNamespace() + "\u0000model\u0000" + update.getModel(),
      RouteUpdate::getRemoved));

  /** Follows {@code table} from now on, starting from what it holds. */
  public RouteFeed(RouteTable table) {
    // The table announces changes under its own lock: holding it while subscribing and copying
    // makes every later change come after the copy.
    synchronized (table) {
      table.addListener(this);
      table.routes().forEach(this::routeChanged);
      table.experiments().forEach(this::experimentChanged);
    }
  }

  public ChangeFeed<RouteUpdate> feed() {
    return feed;
  }

  @Override
  public void routeChanged(ModelRoute route) {
    feed.publish(update(route));
  }

  @Override
  public void routeRemoved(String namespace, String model) {
    feed.publish(RouteUpdate.newBuilder().setNamespace(namespace).setModel(model).setRemoved(true).build());
  }

  @Override
  public void experimentChanged(ExperimentRoute route) {
    feed.publish(update(route));
  }

  @Override
  public void experimentRemoved(String namespace, String name) {
    feed.publish(RouteUpdate.newBuilder().setNamespace(namespace).setRemoved(true)
        .setExperiment(ExperimentRouteUpdate.newBuilder().setName(name)).build());
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
        .setDefaultModel(route.defaultModel() == null ? "" : route.defaultModel())
        .setPipelines(route.pipelines());
    route.candidates().forEach(c -> experiment.addCandidates(
        ExperimentCandidate.newBuilder().setModel(c.model()).setWeight(c.weight())));
    if (route.mirror() != null) {
      experiment.setMirror(ExperimentMirror.newBuilder().setModel(route.mirror().model()).setPercent(route.mirror().percent()));
    }
    return RouteUpdate.newBuilder().setNamespace(route.namespace()).setExperiment(experiment).build();
  }
}
