package io.trantor.workflows.model;

/**
 * The replica states this workflow moves a model replica through. The constant names are Seldon's
 * wire names on purpose ({@code name()} goes into {@link ReplicaStatus#state()}). A replica that
 * finished unloading leaves the workflow's books, so there is no Unloaded.
 */
enum ReplicaState {
  /** Chosen by placement; the load has not started. */
  LoadRequested,
  Loading,
  /** Loaded and eligible for the route. */
  Available,
  /** The load failed after the activity's retries; retried on the next reconcile round. */
  LoadFailed,
  /** No longer wanted (scaled away, or of a superseded version); leaves the route first. */
  UnloadRequested,
  Unloading
}
