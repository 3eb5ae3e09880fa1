package io.trantor.workflows.server;

import java.util.List;

/**
 * Where one drain order stands.
 *
 * @param step Queued, Unschedulable, MovingModels, AwaitingInFlight, Released
 * @param moved models that left the replica
 * @param stayed {@code "<model>: <reason>"} for models that fit nowhere else (served until the grace period ended)
 * @param timedOut the grace period ended before the models moved or the requests finished
 */
public record ReplicaDrain(String orderId, int replicaIndex, String step, List<String> moved, List<String> stayed,
    boolean timedOut) {
  public static final String RELEASED = "Released";

  public ReplicaDrain {
    moved = List.copyOf(moved);
    stayed = List.copyOf(stayed);
  }

  ReplicaDrain at(String next) {
    return new ReplicaDrain(orderId, replicaIndex, next, moved, stayed, timedOut);
  }

  public boolean released() {
    return RELEASED.equals(step);
  }
}
