package io.trantor.compiler.placement;

import java.util.List;

/** The outcome of placing one model: where its replicas go, or why they cannot go anywhere. */
public sealed interface PlacementDecision {

  /**
   * @param replicaIndexes chosen replicas of {@code server}, in preference order; fewer than
   *     desired only when {@code minReplicas} allowed a partial placement
   */
  record Placed(String server, List<Integer> replicaIndexes) implements PlacementDecision {
    public Placed {
      replicaIndexes = List.copyOf(replicaIndexes);
    }
  }

  /** @param reason Seldon-style reason, e.g. "no matching servers are available" */
  record Failed(String reason) implements PlacementDecision {}
}
