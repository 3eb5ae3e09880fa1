package io.trantor.compiler.placement;

import java.util.Comparator;
import java.util.List;

/**
 * The preference orders of placement. Seldon leaves servers in Go map order (random); here ties
 * break by name so the same view always gives the same decision.
 */
final class PlacementOrder {
  private PlacementOrder() {}

  /** The servers a demand may use: only the pinned one when pinned; the current server first, then by name. */
  static List<ServerView> servers(ClusterView cluster, String pin, String current) {
    return cluster.servers().stream()
        .filter(server -> pin == null || server.name().equals(pin))
        .sorted(Comparator.comparing((ServerView server) -> !server.name().equals(current))
            .thenComparing(ServerView::name))
        .toList();
  }

  /**
   * Replicas that already hold the model first (no reload), then the most free memory (spreads
   * load), then the lower index (lower indexes live longer when a server scales down).
   */
  static Comparator<ReplicaView> replicas(String model) {
    return Comparator.comparing((ReplicaView replica) -> !replica.holds(model))
        .thenComparing(Comparator.comparingLong(ReplicaView::freeMemoryBytes).reversed())
        .thenComparingInt(ReplicaView::index);
  }
}
