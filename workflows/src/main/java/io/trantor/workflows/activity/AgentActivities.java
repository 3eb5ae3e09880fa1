package io.trantor.workflows.activity;

import io.temporal.activity.ActivityInterface;

/**
 * Commands to the agent of one server replica. Both are idempotent on the agent: loading a model
 * version it already holds, or unloading one it does not, succeeds.
 *
 * <p>Failures are {@link io.temporal.failure.ApplicationFailure}s with the types in
 * {@link ActivityFailures}: {@code ReplicaGone} (not retried: the workflow re-places) and
 * {@code LoadFailed} (retried by the activity's retry policy, the agent's reason as message).
 */
@ActivityInterface
public interface AgentActivities {
  void load(LoadRequest request);

  void unload(UnloadRequest request);
}
