package io.trantor.workflows.model;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.trantor.workflows.activity.ActivityFailures;
import io.trantor.workflows.activity.AgentActivities;
import io.trantor.workflows.activity.ModelRoute;
import io.trantor.workflows.activity.PlacementActivities;
import io.trantor.workflows.activity.PlacementOutcome;
import io.trantor.workflows.activity.PlacementRequest;
import io.trantor.workflows.activity.ReleaseRequest;
import io.trantor.workflows.activity.RouteActivities;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * Does the activity work of {@link ModelWorkflowImpl}'s run loop: one reconcile round brings the
 * servers and the route towards what {@link ModelLedger} asks for. Only the run loop calls it, so
 * activity work is never interleaved between two handlers.
 */
final class ModelReconciler {
  static final java.time.Duration LOAD_HEARTBEAT_TIMEOUT = java.time.Duration.ofSeconds(10);

  private static final Logger log = Workflow.getLogger(ModelReconciler.class);

  private final ModelLedger ledger;
  private final String namespace;
  private final String name;
  private final PlacementActivities placement;
  private final RouteActivities routes;
  private final AgentActivities loads;
  private final AgentActivities unloads;

  ModelReconciler(ModelLedger ledger, String namespace, String name, ModelWorkflowOptions options) {
    this.ledger = ledger;
    this.namespace = namespace;
    this.name = name;
    String[] doNotRetry = ActivityFailures.NON_RETRYABLE.toArray(String[]::new);
    // Control-plane calls are idempotent and cheap: retry until they work.
    ActivityOptions calls =
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(options.callTimeout())
            .setRetryOptions(
                RetryOptions.newBuilder()
                    .setInitialInterval(options.retryInterval())
                    .setBackoffCoefficient(2)
                    .setDoNotRetry(doNotRetry)
                    .build())
            .build();
    // Loads and unloads give up after a few attempts, so a broken artifact or agent surfaces as
    // ModelFailed instead of a workflow stuck in Progressing.
    RetryOptions bounded =
        RetryOptions.newBuilder()
            .setInitialInterval(options.retryInterval())
            .setBackoffCoefficient(2)
            .setMaximumAttempts(options.loadAttempts())
            .setDoNotRetry(doNotRetry)
            .build();
    this.placement = Workflow.newActivityStub(PlacementActivities.class, calls);
    this.routes = Workflow.newActivityStub(RouteActivities.class, calls);
    this.loads =
        Workflow.newActivityStub(
            AgentActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(options.loadTimeout())
                // The load activity heartbeats while the agent works; if the control plane that
                // runs it dies, the load is retried on another worker within this timeout instead
                // of after the whole start-to-close timeout. The agent's load is idempotent.
                .setHeartbeatTimeout(LOAD_HEARTBEAT_TIMEOUT)
                .setRetryOptions(bounded)
                .build());
    this.unloads =
        Workflow.newActivityStub(
            AgentActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(options.callTimeout())
                .setRetryOptions(bounded)
                .build());
  }

  /**
   * Place → load → route → unload what is no longer wanted. Handlers may change the ledger at any
   * await; the round then finishes what it started and leaves the rest to the next round (the
   * handler set the dirty flag).
   */
  void round() {
    settle(); // first: drop lost replicas from the route and free what they held
    if (ledger.deleting()) {
      return;
    }
    if (!ledger.wantsReplicas()) {
      ledger.placeNothing();
    } else if (!place()) {
      settle(); // older versions keep serving; wait for a cluster change or a new apply
      return;
    }
    if (ledger.deleting()) {
      return;
    }
    loadAll();
    if (!ledger.deleting()) {
      settle();
    }
  }

  /** Deletion: route first so no request reaches a replica that is unloading. */
  void terminate() {
    try {
      routes.remove(namespace, name);
    } catch (ActivityFailure f) {
      log.warn("{}/{}: removing the route failed: {}", namespace, name, reasonOf(f));
    }
    ledger.routed(null);
    unload(ledger.startUnloadingAll());
    release();
    ledger.terminated();
  }

  private boolean place() {
    PlacementRequest request = ledger.placementRequest();
    PlacementOutcome outcome;
    try {
      outcome = placement.place(request);
    } catch (ActivityFailure f) {
      ledger.scheduleFailed(request.version(), reasonOf(f));
      return false;
    }
    if (!outcome.placed()) {
      log.info("{}/{}: version {} not placed: {}", namespace, name, request.version(), outcome.reason());
      ledger.scheduleFailed(request.version(), outcome.reason());
      return false;
    }
    ledger.placed(request.version(), outcome);
    return true;
  }

  private void loadAll() {
    List<Promise<Void>> done = new ArrayList<>();
    for (Replica r : ledger.startLoads()) {
      done.add(
          Async.procedure(loads::load, ledger.loadRequest(r))
              .handle(
                  (ok, failure) -> {
                    loadFinished(r, failure);
                    return null;
                  }));
    }
    Promise.allOf(done).get();
  }

  private void loadFinished(Replica r, RuntimeException failure) {
    if (failure == null) {
      ledger.loadFinished(r, ReplicaState.Available, "");
    } else if (ActivityFailures.REPLICA_GONE.equals(typeOf(failure))) {
      log.info("{}/{}: replica {} gone during load; placing again", namespace, name, r.target());
      ledger.forget(r);
    } else {
      log.warn("{}/{}: load on {} failed: {}", namespace, name, r.target(), reasonOf(failure));
      ledger.loadFinished(r, ReplicaState.LoadFailed, reasonOf(failure));
    }
  }

  /** Route up to date, then unload what the route no longer needs, then free reservations. */
  private void settle() {
    ModelRoute wanted = ledger.desiredRoute();
    ModelRoute before = ledger.route();
    boolean switched = false;
    if (!Objects.equals(wanted, before)) {
      try {
        if (wanted == null) {
          routes.remove(namespace, name);
        } else {
          routes.publish(wanted);
        }
        ledger.routed(wanted);
        switched = true;
      } catch (ActivityFailure f) {
        // the old route stays, and so do the replicas it points at
        log.warn("{}/{}: route update failed: {}", namespace, name, reasonOf(f));
      }
    }
    List<Replica> unloading = ledger.startUnloads();
    // Version 1: a replica the old route pointed at unloads only once the gateways have the new
    // route. Publishing hands the batch to every gateway's stream before it returns; the pause lets
    // each gateway apply it and finish what it had already sent there (a drain or a version switch
    // then fails no request). Histories from before unload at once.
    if (switched && servedBy(before, unloading)
        && Workflow.getVersion("route-settles-before-unload", Workflow.DEFAULT_VERSION, 1) == 1) {
      Workflow.sleep(ROUTE_SETTLE);
    }
    unload(unloading);
    release();
  }

  /** How long gateways get to apply a new route before a replica the old one used unloads. */
  static final java.time.Duration ROUTE_SETTLE = java.time.Duration.ofSeconds(1);

  private static boolean servedBy(ModelRoute route, List<Replica> replicas) {
    return route != null && replicas.stream().anyMatch(r -> route.endpoints().stream().anyMatch(r::on));
  }

  private void unload(List<Replica> replicas) {
    List<Promise<Void>> done = new ArrayList<>();
    for (Replica r : replicas) {
      done.add(
          Async.procedure(unloads::unload, ledger.unloadRequest(r))
              .handle(
                  (ok, failure) -> {
                    // A gone replica holds nothing. Any other failure (after the retries) is
                    // logged and the replica is let go as well, so that scale-down and deletion
                    // always finish; the leftover copy is the operator's to see in the log.
                    if (failure != null
                        && !ActivityFailures.REPLICA_GONE.equals(typeOf(failure))) {
                      log.warn("{}/{}: unload on {} failed: {}", namespace, name, r.target(),
                          reasonOf(failure));
                    }
                    return null;
                  }));
    }
    Promise.allOf(done).get();
    ledger.unloaded(replicas);
  }

  private void release() {
    for (ReleaseRequest request : ledger.takePendingReleases()) {
      try {
        placement.release(request);
      } catch (ActivityFailure f) {
        log.warn("{}/{}: release failed: {}", namespace, name, reasonOf(f));
      }
    }
  }

  private static String typeOf(RuntimeException failure) {
    return failure.getCause() instanceof ApplicationFailure app ? app.getType() : "";
  }

  /** The agent's own words when there are some (ModelFailed shows them to the user). */
  private static String reasonOf(RuntimeException failure) {
    Throwable cause = failure instanceof ActivityFailure && failure.getCause() != null
        ? failure.getCause()
        : failure;
    if (cause instanceof ApplicationFailure app) {
      return app.getOriginalMessage();
    }
    return cause.getMessage();
  }
}
