package io.trantor.control.internal;

import static java.util.Objects.requireNonNull;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.trantor.workflows.model.ApplyResult;
import io.trantor.workflows.model.ClusterChange;
import io.trantor.workflows.model.ModelDeployment;
import io.trantor.workflows.model.ModelPublication;
import io.trantor.workflows.model.ModelStarter;
import io.trantor.workflows.model.ModelStatus;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The control plane's side of {@link io.trantor.workflows.model.ModelWorkflow}: start-or-update, delete, query, signal. */
public final class ModelWorkflows {
  private static final Logger log = LoggerFactory.getLogger(ModelWorkflows.class);

  private final WorkflowClient client;

  public ModelWorkflows(WorkflowClient client) {
    this.client = requireNonNull(client, "client");
  }

  /**
   * Update-with-start: starts the model's workflow when none runs, then applies the deployment.
   * A transport failure is retried: applying the same deployment again is idempotent (the
   * workflow answers "unchanged"), and under load the embedded test server sometimes fails an
   * update-with-start it has in fact carried out.
   */
  public ApplyResult apply(ModelDeployment deployment) {
    WorkflowServiceException last = null;
    for (int attempt = 1; attempt <= APPLY_ATTEMPTS; attempt++) {
      try {
        return ModelStarter.apply(client, deployment);
      } catch (WorkflowUpdateException e) {
        throw new ControlException.FailedPrecondition(
            "model " + deployment.name() + " was not applied: " + reason(e));
      } catch (WorkflowServiceException e) {
        last = e;
        log.warn("Applying model {}/{} failed (attempt {} of {}): {}", deployment.namespace(),
            deployment.name(), attempt, APPLY_ATTEMPTS, e.getCause() != null ? e.getCause().toString() : e.toString());
      }
    }
    throw last;
  }

  private static final int APPLY_ATTEMPTS = 3;

  /** Asks the model's workflow to delete it; false when there was none running. */
  public boolean delete(String namespace, String name) {
    try {
      ModelStarter.existing(client, namespace, name).delete();
      return true;
    } catch (WorkflowNotFoundException e) {
      return false;
    } catch (WorkflowUpdateException e) {
      throw new ControlException.FailedPrecondition("model " + name + " was not deleted: " + reason(e));
    } catch (WorkflowException e) {
      if (isNotFound(e)) {
        return false;
      }
      throw e;
    }
  }

  /** The workflow's status query; empty when no workflow has that id. */
  public Optional<ModelStatus> status(String namespace, String name) {
    try {
      return Optional.of(ModelStarter.existing(client, namespace, name).status());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    } catch (WorkflowException e) {
      if (isNotFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** What the model's workflow put into the live tables; empty when no workflow has that id. */
  public Optional<ModelPublication> publication(String namespace, String name) {
    return WorkflowCalls.query(() -> ModelStarter.existing(client, namespace, name).publication());
  }

  /** Fire-and-forget; a model whose workflow is gone is skipped (logged at debug). */
  public void clusterChanged(String namespace, String name, ClusterChange change) {
    signal(namespace, name, change, model -> model.clusterChanged(change));
  }

  /** Tells the model's workflow that a replica it may be on is draining; nothing when it has none. */
  public void replicaDraining(String namespace, String name, ClusterChange change) {
    signal(namespace, name, change, model -> model.replicaDraining(change));
  }

  private void signal(String namespace, String name, ClusterChange change,
      java.util.function.Consumer<io.trantor.workflows.model.ModelWorkflow> send) {
    try {
      send.accept(ModelStarter.existing(client, namespace, name));
    } catch (WorkflowNotFoundException e) {
      log.debug("Model {}/{} has no running workflow; {} not signalled", namespace, name, change);
    } catch (WorkflowException e) {
      if (!isNotFound(e)) {
        throw e;
      }
      log.debug("Model {}/{} has no running workflow; {} not signalled", namespace, name, change);
    }
  }

  static boolean isNotFound(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return true;
      }
      if (t instanceof WorkflowNotFoundException) {
        return true;
      }
    }
    return false;
  }

  static String reason(WorkflowUpdateException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure f) {
        return f.getOriginalMessage();
      }
    }
    return e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
  }
}
