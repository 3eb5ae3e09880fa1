package io.trantor.activities;

import io.trantor.workflows.activity.ExperimentRoute;
import io.trantor.workflows.activity.ModelRoute;

/** Where the route activities put the routes the data plane should use (the control plane streams them). */
public interface RoutePublisher {

  /** Replaces a model's route. */
  void publish(ModelRoute route);

  void remove(String namespace, String model);

  /** Whether the model has a route to at least one replica (what pipelines call "available"). */
  boolean isAvailable(String namespace, String model);

  /**
   * Replaces an experiment's route.
   *
   * @throws ExperimentDefaultTakenException when another experiment of the namespace has the same default
   */
  void publishExperiment(ExperimentRoute route);

  void removeExperiment(String namespace, String name);
}
