package io.trantor.workflows.model;

import io.trantor.workflows.activity.ReplicaTarget;

/** One model version on one server replica, as the workflow's books hold it. */
record Replica(ReplicaTarget target, long version, ReplicaState state, String reason) {

  Replica {
    reason = reason == null ? "" : reason;
  }

  static Replica requested(ReplicaTarget target, long version) {
    return new Replica(target, version, ReplicaState.LoadRequested, "");
  }

  static Replica of(ReplicaStatus status) {
    return new Replica(
        new ReplicaTarget(status.server(), status.replicaIndex(), status.endpoint()),
        status.version(),
        ReplicaState.valueOf(status.state()),
        status.reason());
  }

  ReplicaStatus toStatus() {
    return new ReplicaStatus(
        target.server(), target.replicaIndex(), version, state.name(), reason, target.endpoint());
  }

  Replica with(ReplicaState newState, String newReason) {
    return new Replica(target, version, newState, newReason);
  }

  /** Same server replica, whatever its endpoint (a replica that rejoins may get a new one). */
  boolean on(String server, int replicaIndex) {
    return target.server().equals(server) && target.replicaIndex() == replicaIndex;
  }

  boolean on(ReplicaTarget other) {
    return on(other.server(), other.replicaIndex());
  }

  boolean is(ReplicaState s) {
    return state == s;
  }
}
