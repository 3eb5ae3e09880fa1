package io.trantor.workflows.experiment;

import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.trantor.workflows.EntityWorkflowOptions;

/** How callers reach an experiment's workflow: id, task queue and policies in one place. */
public final class ExperimentStarter {
  private ExperimentStarter() {}

  public static WorkflowOptions workflowOptions(String namespace, String name) {
    return EntityWorkflowOptions.forId(ExperimentWorkflow.workflowId(namespace, name));
  }

  /** Update-with-start: creates the experiment's workflow when needed and applies the spec. */
  public static String apply(WorkflowClient client, ExperimentDeployment deployment) {
    ExperimentWorkflow stub = client.newWorkflowStub(
        ExperimentWorkflow.class, workflowOptions(deployment.namespace(), deployment.name()));
    return WorkflowClient.executeUpdateWithStart(
        stub::apply,
        deployment,
        EntityWorkflowOptions.applyUpdate(String.class),
        new WithStartWorkflowOperation<>(
            stub::run, new ExperimentWorkflowInput(deployment.namespace(), deployment.name())));
  }

  /** A stub for the running workflow (status, delete). */
  public static ExperimentWorkflow existing(WorkflowClient client, String namespace, String name) {
    return client.newWorkflowStub(ExperimentWorkflow.class, ExperimentWorkflow.workflowId(namespace, name));
  }
}
