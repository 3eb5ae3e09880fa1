package io.trantor.workflows.activity;

import io.temporal.activity.ActivityInterface;

/**
 * The side effects of draining one server replica (the {@code ServerWorkflow} orders them). Each
 * also records the replica's drain step where {@code trantor server status} shows it. All are
 * idempotent.
 */
@ActivityInterface
public interface DrainActivities {

  /** The replica takes no new models from now on. */
  void markUnschedulable(DrainTarget target);

  /** Where each of its models goes (the compiler's {@code DrainPlanner} on the live view). */
  DrainPlanOutcome planDrain(DrainTarget target);

  /**
   * Tells each model's workflow that the replica is draining, so it places that replica elsewhere
   * (load there, route, unload here); marks the replica unschedulable first (again, as a restarted
   * control plane forgot it), without changing its drain step. A model without a running workflow is skipped. An activity,
   * not a workflow-to-workflow signal: Temporal's Java test server (`trantor up`) delivers an
   * external signal only with the target's next other event.
   */
  void tellModels(DrainTarget target, java.util.List<String> models);

  /**
   * Waits up to {@code waitMillis} for the replica to hold none of {@code models}; returns those it
   * still holds (empty: all moved away).
   */
  java.util.List<String> awaitModelsGone(DrainTarget target, java.util.List<String> models, long waitMillis);

  /**
   * Waits up to {@code waitMillis} for the replica's in-flight requests to reach 0; returns the count
   * at the end (a replica that is gone counts 0).
   */
  long awaitIdle(DrainTarget target, long waitMillis);

  /** The drain is over: the replica may stop (on Kubernetes, its PreStop hook returns). */
  void releaseDrained(DrainTarget target);
}
