package io.trantor.control.internal;

import static java.util.Objects.requireNonNull;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.trantor.dsl.Pipeline;
import io.trantor.dsl.Manifests;
import io.trantor.dsl.PipelineSpec;
import io.trantor.dsl.PipelineStep;
import java.util.List;
import io.trantor.workflows.pipeline.PipelineDeployment;
import io.trantor.workflows.pipeline.PipelineStarter;
import io.trantor.workflows.pipeline.PipelineStatus;
import java.util.Optional;

/** The control plane's side of {@link io.trantor.workflows.pipeline.PipelineWorkflow}: start-or-update, delete, query. */
public final class PipelineWorkflows {

  private final WorkflowClient client;

  public PipelineWorkflows(WorkflowClient client) {
    this.client = requireNonNull(client, "client");
  }

  /** Turns a validated dsl Pipeline into the workflow's input; the spec travels as the manifest's JSON. */
  static PipelineDeployment deployment(Pipeline pipeline, long generation) {
    PipelineSpec spec = pipeline.spec();
    List<String> models = spec.steps().stream().map(PipelineStep::name).distinct().toList();
    boolean clean = spec.dataflow() != null && spec.dataflow().cleanTopicsOnDelete();
    return new PipelineDeployment(pipeline.namespace(), pipeline.name(), generation, Manifests.toJson(Resources.withGeneration(pipeline, null)), models, clean);
  }

  /** Update-with-start; returns created, configured or unchanged. */
  public String apply(Pipeline pipeline, long generation) {
    try {
      return PipelineStarter.apply(client, deployment(pipeline, generation));
    } catch (WorkflowUpdateException e) {
      throw new ControlException.FailedPrecondition(
          "pipeline " + pipeline.name() + " was not applied: " + ModelWorkflows.reason(e));
    }
  }

  /** Asks the pipeline's workflow to remove its route; false when none was running. */
  public boolean delete(String namespace, String name) {
    try {
      PipelineStarter.existing(client, namespace, name).delete();
      return true;
    } catch (WorkflowNotFoundException e) {
      return false;
    } catch (WorkflowUpdateException e) {
      throw new ControlException.FailedPrecondition("pipeline " + name + " was not deleted: " + ModelWorkflows.reason(e));
    } catch (WorkflowException e) {
      if (ModelWorkflows.isNotFound(e)) {
        return false;
      }
      throw e;
    }
  }

  /** The workflow's status query; empty when no workflow has that id. */
  public Optional<PipelineStatus> status(String namespace, String name) {
    try {
      return Optional.of(PipelineStarter.existing(client, namespace, name).status());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    } catch (WorkflowException e) {
      if (ModelWorkflows.isNotFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
