package io.trantor.workflows.activity;

import io.temporal.activity.ActivityInterface;

/**
 * Placement against the live cluster view. One owner per namespace serialises these calls, so
 * two models never take the same free memory (shared reference, seldon-behaviour.md §1.3).
 */
@ActivityInterface
public interface PlacementActivities {

  /** Chooses replicas for the model version and reserves its memory on them. Idempotent. */
  PlacementOutcome place(PlacementRequest request);

  /** Frees what the model version holds or reserved on the given replicas. Idempotent. */
  void release(ReleaseRequest request);
}
