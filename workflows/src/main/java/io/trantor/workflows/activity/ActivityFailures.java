package io.trantor.workflows.activity;

import java.util.List;

/** Failure types of our activities, listed once; workflows match on them. */
public final class ActivityFailures {
  private ActivityFailures() {}

  /** The replica is not connected (its agent left). Not retried: the workflow places again. */
  public static final String REPLICA_GONE = "ReplicaGone";

  /** The agent could not load the model; the message is the agent's reason. Retried. */
  public static final String LOAD_FAILED = "LoadFailed";

  /** Bad input that no retry will fix. */
  public static final String INVALID = "Invalid";

  /** Types the activity retry policies must not retry. */
  public static final List<String> NON_RETRYABLE = List.of(REPLICA_GONE, INVALID);
}
