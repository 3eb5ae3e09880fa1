package io.trantor.workflows.experiment;

import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateStage;
import io.trantor.workflows.TaskQueues;

/** How callers reach an experiment's workflow: id, task queue and policies in one place. */
public final class ExperimentStarter {
  private ExperimentStarter() {}

  public static WorkflowOptions workflowOptions(String namespace, String name) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(ExperimentWorkflow.workflowId(namespace, name))
        .setTaskQueue(TaskQueues.CONTROL)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .build();
  }

  /** Update-with-start: creates the experiment's workflow when needed and applies the spec. */
  public static String apply(WorkflowClient client, ExperimentDeployment deployment) {
    ExperimentWorkflow stub = client.newWorkflowStub(
        ExperimentWorkflow.class, workflowOptions(deployment.namespace(), deployment.name()));
    return WorkflowClient.executeUpdateWithStart(
        stub::apply,
        deployment,
        UpdateOptions.newBuilder(String.class).setUpdateName("apply")
            .setWaitForStage(WorkflowUpdateStage.COMPLETED).build(),
        new WithStartWorkflowOperation<>(
            stub::run, new ExperimentWorkflowInput(deployment.namespace(), deployment.name())));
  }

  /** A stub for the running workflow (status, delete). */
  public static ExperimentWorkflow existing(WorkflowClient client, String namespace, String name) {
    return client.newWorkflowStub(ExperimentWorkflow.class, ExperimentWorkflow.workflowId(namespace, name));
  }
}
