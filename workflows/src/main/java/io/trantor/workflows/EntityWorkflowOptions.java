package io.trantor.workflows;

import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateStage;

/** How callers start and update the control plane's entity workflows (one per model, experiment, pipeline). */
public final class EntityWorkflowOptions {
  private EntityWorkflowOptions() {}

  /**
   * Starts the workflow if it is not running (USE_EXISTING joins a running one; ALLOW_DUPLICATE lets
   * a deleted resource be created again).
   */
  public static WorkflowOptions forId(String workflowId) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(TaskQueues.CONTROL)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .build();
  }

  /** The {@code apply} update, waited for until it completes. */
  public static <R> UpdateOptions<R> applyUpdate(Class<R> result) {
    return UpdateOptions.newBuilder(result).setUpdateName("apply").setWaitForStage(WorkflowUpdateStage.COMPLETED).build();
  }
}
