package io.trantor.workflows.model;

import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.trantor.workflows.EntityWorkflowOptions;

/**
 * How callers (control API, tests) reach a model's workflow: ids, task queue and policies in one
 * place so nobody repeats them.
 */
public final class ModelStarter {
  private ModelStarter() {}

  /**
   * Starts the workflow if it is not running (USE_EXISTING joins a running one; ALLOW_DUPLICATE
   * lets a deleted model be created again).
   */
  public static WorkflowOptions workflowOptions(String namespace, String name) {
    return EntityWorkflowOptions.forId(ModelWorkflow.workflowId(namespace, name));
  }

  public static UpdateOptions<ApplyResult> applyOptions() {
    return EntityWorkflowOptions.applyUpdate(ApplyResult.class);
  }

  /** Update-with-start: creates the model's workflow when needed and applies the deployment. */
  public static ApplyResult apply(WorkflowClient client, ModelDeployment deployment) {
    ModelWorkflow stub =
        client.newWorkflowStub(
            ModelWorkflow.class, workflowOptions(deployment.namespace(), deployment.name()));
    return WorkflowClient.executeUpdateWithStart(
        stub::apply,
        deployment,
        applyOptions(),
        new WithStartWorkflowOperation<>(
            stub::run, new ModelWorkflowInput(deployment.namespace(), deployment.name(), null)));
  }

  /** A stub for the running workflow (status, delete, clusterChanged). */
  public static ModelWorkflow existing(WorkflowClient client, String namespace, String name) {
    return client.newWorkflowStub(ModelWorkflow.class, ModelWorkflow.workflowId(namespace, name));
  }
}
