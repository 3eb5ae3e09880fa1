package io.trantor.workflows.activity;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/** Checks an experiment's models against the control plane's registry and installs its route. */
@ActivityInterface
public interface ExperimentActivities {

  /** One reason per model of {@code route} that is not a known model (empty: all are). */
  List<String> unknownModels(ExperimentRoute route);

  /**
   * Replaces the experiment's route. Fails with {@link ActivityFailures#INVALID} when its default
   * model is already the default of another experiment. Idempotent.
   */
  void publishExperiment(ExperimentRoute route);

  /** Removes the experiment's route (plain model routing returns). Idempotent. */
  void removeExperiment(String namespace, String name);
}
