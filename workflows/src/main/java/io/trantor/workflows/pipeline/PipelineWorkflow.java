package io.trantor.workflows.pipeline;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import io.trantor.workflows.activity.PipelineVersion;

/**
 * The life of one pipeline (id {@link #workflowId}): a new spec becomes a new version → create its
 * topics → start its topology on the gateways → wait until a gateway runs it and its step models
 * are available → PipelineReady. Until then the status says why not. Delete takes it off the
 * gateways and ends the workflow. Started with update-with-start ({@link PipelineStarter}).
 */
@WorkflowInterface
public interface PipelineWorkflow {

  static String workflowId(String namespace, String name) {
    return namespace + "/Pipeline/" + name;
  }

  @WorkflowMethod
  void run(PipelineWorkflowInput input);

  /** A new or changed spec; returns {@code created}, {@code configured} or {@code unchanged}. */
  @UpdateMethod
  String apply(PipelineDeployment deployment);

  @UpdateValidatorMethod(updateName = "apply")
  void validateApply(PipelineDeployment deployment);

  /** Takes the pipeline off the gateways; the workflow then ends. Returns once it is gone. */
  @UpdateMethod
  void delete();

  @QueryMethod
  PipelineStatus status();

  /** The version this workflow handed to the gateways and has not removed ({@code null}: none); a restarted control plane republishes it. */
  @QueryMethod
  PipelineVersion publishedVersion();
}
