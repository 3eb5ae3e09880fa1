package io.trantor.workflows.testing;

import io.trantor.workflows.activity.ModelRoute;
import io.trantor.workflows.activity.RouteActivities;
import java.util.HashMap;
import java.util.Map;

/** The gateways' route table: the last route published per model. */
public final class FakeRoutes implements RouteActivities {
  private final CallLog log;
  private final Map<String, ModelRoute> routes = new HashMap<>();

  FakeRoutes(CallLog log) {
    this.log = log;
  }

  /** The route of {@code namespace/model}, or {@code null}. */
  public synchronized ModelRoute route(String namespace, String model) {
    return routes.get(namespace + "/" + model);
  }

  @Override
  public synchronized void publish(ModelRoute route) {
    log.add("publish " + route.model() + "_" + route.version() + " -> "
        + FakeCluster.slots(route.endpoints()));
    routes.put(route.namespace() + "/" + route.model(), route);
  }

  @Override
  public synchronized void remove(String namespace, String model) {
    log.add("remove " + model);
    routes.remove(namespace + "/" + model);
  }
}
