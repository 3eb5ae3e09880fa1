package io.trantor.workflows.experiment;

import io.trantor.workflows.activity.ExperimentRoute;

/**
 * A validated Experiment spec as its workflow receives it.
 *
 * @param resourceType {@code model} or {@code pipeline}
 */
public record ExperimentDeployment(long generation, String resourceType, ExperimentRoute route) {

  public String namespace() {
    return route.namespace();
  }

  public String name() {
    return route.name();
  }
}
