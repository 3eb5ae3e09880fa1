package io.trantor.workflows.activity;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/** Checks an experiment's models (or pipelines) against the control plane's registry and installs its route. */
@ActivityInterface
public interface ExperimentActivities {

  /**
   * One reason per model of {@code route} that is not a known model (empty: all are); for a
   * pipeline experiment ({@link ExperimentRoute#pipelines()}), per pipeline that is not a known
   * pipeline. The name stays: it is the activity type recorded in workflow histories.
   */
  List<String> unknownModels(ExperimentRoute route);

  /**
   * Replaces the experiment's route. Fails with {@link ActivityFailures#INVALID} when its default
   * model (pipeline) is already the default of another model (pipeline) experiment. Idempotent.
   */
  void publishExperiment(ExperimentRoute route);

  /** Removes the experiment's route (plain model routing returns). Idempotent. */
  void removeExperiment(String namespace, String name);
}
