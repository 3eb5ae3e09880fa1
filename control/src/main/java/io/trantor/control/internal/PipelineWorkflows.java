package io.trantor.control.internal;

import static java.util.Objects.requireNonNull;

import io.temporal.client.WorkflowClient;
import io.trantor.dsl.Pipeline;
import io.trantor.dsl.Manifests;
import io.trantor.dsl.PipelineSpec;
import io.trantor.dsl.PipelineStep;
import java.util.List;
import io.trantor.workflows.pipeline.PipelineDeployment;
import io.trantor.workflows.pipeline.PipelineStarter;
import io.trantor.workflows.pipeline.PipelineStatus;
import io.trantor.workflows.activity.PipelineVersion;
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
    return WorkflowCalls.apply("pipeline " + pipeline.name(), () -> PipelineStarter.apply(client, deployment(pipeline, generation)));
  }

  /** Asks the pipeline's workflow to take it down; false when none was running. */
  public boolean delete(String namespace, String name) {
    return WorkflowCalls.delete("pipeline " + name, () -> PipelineStarter.existing(client, namespace, name).delete());
  }

  /** The workflow's status query; empty when no workflow has that id. */
  public Optional<PipelineStatus> status(String namespace, String name) {
    return WorkflowCalls.query(() -> PipelineStarter.existing(client, namespace, name).status());
  }

  /** The version the pipeline's workflow handed to the gateways; empty when none (or no workflow). */
  public Optional<PipelineVersion> publishedVersion(String namespace, String name) {
    return WorkflowCalls.query(() -> PipelineStarter.existing(client, namespace, name).publishedVersion());
  }
}
