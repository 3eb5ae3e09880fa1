package io.trantor.control.live;

import io.trantor.workflows.activity.ExperimentRoute;
import io.trantor.workflows.activity.ModelRoute;

/** Told about every change of the {@link RouteTable} (the gateways subscribe). */
public interface RouteListener {

  void routeChanged(ModelRoute route);

  void routeRemoved(String namespace, String model);

  /** An experiment's route was installed or replaced. Listeners that route no experiments ignore it. */
  default void experimentChanged(ExperimentRoute route) {}

  default void experimentRemoved(String namespace, String name) {}
}
