package io.trantor.compiler.placement;

import java.util.Comparator;
import java.util.List;

/**
 * The preference orders of placement. Seldon leaves servers in Go map order (random); here ties
 * break by load and then by name, so the same view always gives the same decision and models
 * that declare no memory (0 bytes: free memory never tells replicas apart) still spread out.
 */
final class PlacementOrder {
  private PlacementOrder() {}

  /**
   * The servers a demand may use: only the pinned one when pinned; the current server first, then
   * the one whose replicas hold the fewest models per replica, then by name.
   */
  static List<ServerView> servers(ClusterView cluster, String pin, String current) {
    return cluster.servers().stream()
        .filter(server -> pin == null || server.name().equals(pin))
        .sorted(Comparator.comparing((ServerView server) -> !server.name().equals(current))
            .thenComparingDouble(PlacementOrder::modelsPerReplica)
            .thenComparing(ServerView::name))
        .toList();
  }

  private static double modelsPerReplica(ServerView server) {
    if (server.replicas().isEmpty()) {
      return 0; // filtered out later for having no replicas; keep the name order for reasons
    }
    int models = server.replicas().stream().mapToInt(r -> r.modelMemoryBytes().size()).sum();
    return (double) models / server.replicas().size();
  }

  /**
   * Replicas that already hold the model first (no reload), then the most free memory (spreads
   * load), then the fewest models (spreads models that declare no memory), then the lower index
   * (lower indexes live longer when a server scales down).
   */
  static Comparator<ReplicaView> replicas(String model) {
    return Comparator.comparing((ReplicaView replica) -> !replica.holds(model))
        .thenComparing(Comparator.comparingLong(ReplicaView::freeMemoryBytes).reversed())
        .thenComparingInt((ReplicaView replica) -> replica.modelMemoryBytes().size())
        .thenComparingInt(ReplicaView::index);
  }
}
