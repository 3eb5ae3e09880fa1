package io.trantor.control.internal;

import static java.util.Objects.requireNonNull;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.trantor.dsl.Experiment;
import io.trantor.dsl.ExperimentSpec;
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
        spec.mirror() == null ? null : new ExperimentRoute.Mirror(spec.mirror().name(), spec.mirror().percent()));
    return new ExperimentDeployment(generation, spec.resourceType().value(), route);
  }

  /** Update-with-start; returns created, configured or unchanged. */
  public String apply(Experiment experiment, long generation) {
    try {
      return ExperimentStarter.apply(client, deployment(experiment, generation));
    } catch (WorkflowUpdateException e) {
      throw new ControlException.FailedPrecondition(
          "experiment " + experiment.name() + " was not applied: " + ModelWorkflows.reason(e));
    }
  }

  /** Asks the experiment's workflow to remove its route; false when none was running. */
  public boolean delete(String namespace, String name) {
    try {
      ExperimentStarter.existing(client, namespace, name).delete();
      return true;
    } catch (WorkflowNotFoundException e) {
      return false;
    } catch (WorkflowUpdateException e) {
      throw new ControlException.FailedPrecondition("experiment " + name + " was not deleted: " + ModelWorkflows.reason(e));
    } catch (WorkflowException e) {
      if (ModelWorkflows.isNotFound(e)) {
        return false;
      }
      throw e;
    }
  }

  /** The workflow's status query; empty when no workflow has that id. */
  public Optional<ExperimentStatus> status(String namespace, String name) {
    try {
      return Optional.of(ExperimentStarter.existing(client, namespace, name).status());
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
