package io.trantor.workflows.pipeline;

import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.trantor.workflows.EntityWorkflowOptions;

/** How callers reach an pipeline's workflow: id, task queue and policies in one place. */
public final class PipelineStarter {
  private PipelineStarter() {}

  public static WorkflowOptions workflowOptions(String namespace, String name) {
    return EntityWorkflowOptions.forId(PipelineWorkflow.workflowId(namespace, name));
  }

  /** Update-with-start: creates the pipeline's workflow when needed and applies the spec. */
  public static String apply(WorkflowClient client, PipelineDeployment deployment) {
    PipelineWorkflow stub = client.newWorkflowStub(
        PipelineWorkflow.class, workflowOptions(deployment.namespace(), deployment.name()));
    return WorkflowClient.executeUpdateWithStart(
        stub::apply,
        deployment,
        EntityWorkflowOptions.applyUpdate(String.class),
        new WithStartWorkflowOperation<>(
            stub::run, new PipelineWorkflowInput(deployment.namespace(), deployment.name())));
  }

  /** A stub for the running workflow (status, delete). */
  public static PipelineWorkflow existing(WorkflowClient client, String namespace, String name) {
    return client.newWorkflowStub(PipelineWorkflow.class, PipelineWorkflow.workflowId(namespace, name));
  }
}
