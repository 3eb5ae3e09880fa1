package io.trantor.workflows.pipeline;

import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateStage;
import io.trantor.workflows.TaskQueues;

/** How callers reach an pipeline's workflow: id, task queue and policies in one place. */
public final class PipelineStarter {
  private PipelineStarter() {}

  public static WorkflowOptions workflowOptions(String namespace, String name) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(PipelineWorkflow.workflowId(namespace, name))
        .setTaskQueue(TaskQueues.CONTROL)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .build();
  }

  /** Update-with-start: creates the pipeline's workflow when needed and applies the spec. */
  public static String apply(WorkflowClient client, PipelineDeployment deployment) {
    PipelineWorkflow stub = client.newWorkflowStub(
        PipelineWorkflow.class, workflowOptions(deployment.namespace(), deployment.name()));
    return WorkflowClient.executeUpdateWithStart(
        stub::apply,
        deployment,
        UpdateOptions.newBuilder(String.class).setUpdateName("apply")
            .setWaitForStage(WorkflowUpdateStage.COMPLETED).build(),
        new WithStartWorkflowOperation<>(
            stub::run, new PipelineWorkflowInput(deployment.namespace(), deployment.name())));
  }

  /** A stub for the running workflow (status, delete). */
  public static PipelineWorkflow existing(WorkflowClient client, String namespace, String name) {
    return client.newWorkflowStub(PipelineWorkflow.class, PipelineWorkflow.workflowId(namespace, name));
  }
}
