package io.trantor.workflows.activity;

import java.util.List;

/**
 * Result of {@link PlacementActivities#place}: either the chosen replicas (memory reserved on each)
 * or the reason nothing fits (Seldon's ScheduleFailed reason).
 */
public record PlacementOutcome(boolean placed, String server, List<ReplicaTarget> replicas, String reason) {

  public static PlacementOutcome placed(String server, List<ReplicaTarget> replicas) {
    return new PlacementOutcome(true, server, replicas, "");
  }

  public static PlacementOutcome failed(String reason) {
    return new PlacementOutcome(false, "", List.of(), reason);
  }
}
