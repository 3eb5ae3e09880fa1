package io.trantor.control.internal;

import static java.util.Objects.requireNonNull;

import io.temporal.client.WorkflowClient;
import io.trantor.dsl.Experiment;
import io.trantor.dsl.ExperimentSpec;
import io.trantor.dsl.ResourceType;
import io.trantor.workflows.activity.ExperimentRoute;
import io.trantor.workflows.experiment.ExperimentDeployment;
import io.trantor.workflows.experiment.ExperimentStarter;
import io.trantor.workflows.experiment.ExperimentStatus;
import java.util.Optional;

/** The control plane's side of {@link io.trantor.workflows.experiment.ExperimentWorkflow}: start-or-update, delete, query. */
public final class ExperimentWorkflows {

  private final WorkflowClient client;

  public ExperimentWorkflows(WorkflowClient client) {
    this.client = requireNonNull(client, "client");
  }

  /** Turns a validated dsl Experiment into the workflow's input. */
  static ExperimentDeployment deployment(Experiment experiment, long generation) {
    ExperimentSpec spec = experiment.spec();
    ExperimentRoute route = new ExperimentRoute(
        experiment.namespace(),
        experiment.name(),
        spec.defaultResource(),
        spec.candidates().stream().map(c -> new ExperimentRoute.Candidate(c.name(), c.weight())).toList(),
        spec.mirror() == null ? null : new ExperimentRoute.Mirror(spec.mirror().name(), spec.mirror().percent()),
        spec.resourceType() == ResourceType.PIPELINE);
    return new ExperimentDeployment(generation, spec.resourceType().value(), route);
  }

  /** Update-with-start; returns created, configured or unchanged. */
  public String apply(Experiment experiment, long generation) {
    return WorkflowCalls.apply("experiment " + experiment.name(), () -> ExperimentStarter.apply(client, deployment(experiment, generation)));
  }

  /** Asks the experiment's workflow to take it down; false when none was running. */
  public boolean delete(String namespace, String name) {
    return WorkflowCalls.delete("experiment " + name, () -> ExperimentStarter.existing(client, namespace, name).delete());
  }

  /** The workflow's status query; empty when no workflow has that id. */
  public Optional<ExperimentStatus> status(String namespace, String name) {
    return WorkflowCalls.query(() -> ExperimentStarter.existing(client, namespace, name).status());
  }

  /** The route the experiment's workflow installed; empty when none (or no workflow). */
  public Optional<ExperimentRoute> publishedRoute(String namespace, String name) {
    return WorkflowCalls.query(() -> ExperimentStarter.existing(client, namespace, name).publishedRoute());
  }
}
