package io.trantor.workflows.experiment;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import io.trantor.workflows.activity.ExperimentRoute;

/**
 * The life of one experiment (id {@link #workflowId}): validate candidates → install the route
 * table → ExperimentReady (or ExperimentFailed with a reason). A new spec replaces the route; delete
 * removes it and ends the workflow. Started with update-with-start ({@link ExperimentStarter}).
 */
@WorkflowInterface
public interface ExperimentWorkflow {

  static String workflowId(String namespace, String name) {
    return namespace + "/Experiment/" + name;
  }

  @WorkflowMethod
  void run(ExperimentWorkflowInput input);

  /** A new or changed spec; returns {@code created}, {@code configured} or {@code unchanged}. */
  @UpdateMethod
  String apply(ExperimentDeployment deployment);

  @UpdateValidatorMethod(updateName = "apply")
  void validateApply(ExperimentDeployment deployment);

  /** Removes the route; the workflow then ends. Returns once the route is gone. */
  @UpdateMethod
  void delete();

  @QueryMethod
  ExperimentStatus status();

  /** The route this workflow installed and has not removed ({@code null}: none); a restarted control plane republishes it. */
  @QueryMethod
  ExperimentRoute publishedRoute();
}
