package io.trantor.compiler.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides where the models of a server's leaving replicas go before those replicas stop. Models
 * stay on the same server (its replicas are alike, and the models were placed there for its
 * capabilities): each goes to a replica that is neither leaving nor draining, does not hold the
 * model already and has the memory, preferring the most free memory, then the lower index (as
 * {@link Placer} does). Larger models are placed first, so a small one never takes the last room
 * a large one needed. Pure and deterministic.
 */
public final class DrainPlanner {
  private DrainPlanner() {}

  /**
   * @param cluster the namespace as placement sees it now
   * @param server the server whose replicas leave
   * @param leaving indexes of the leaving replicas
   */
  public static DrainPlan plan(ClusterView cluster, String server, Set<Integer> leaving) {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(leaving, "leaving");
    List<ReplicaView> replicas = cluster.servers().stream()
        .filter(s -> s.name().equals(server))
        .findFirst()
        .map(ServerView::replicas)
        .orElse(List.of());
    Map<Integer, Long> free = new HashMap<>();
    Map<Integer, Set<String>> holds = new HashMap<>();
    List<DrainPlan.Move> moves = new ArrayList<>();
    List<DrainPlan.Stay> stays = new ArrayList<>();
    List<Leaving> departing = new ArrayList<>();
    for (ReplicaView replica : replicas) {
      free.put(replica.index(), replica.freeMemoryBytes());
      holds.put(replica.index(), new java.util.HashSet<>(replica.modelMemoryBytes().keySet()));
      if (leaving.contains(replica.index())) {
        replica.modelMemoryBytes().forEach((model, bytes) -> departing.add(new Leaving(model, bytes, replica.index())));
      }
    }
    departing.sort(Comparator.comparingLong(Leaving::memoryBytes).reversed()
        .thenComparing(Leaving::model).thenComparingInt(Leaving::from));
    for (Leaving model : departing) {
      ReplicaView target = null;
      List<String> rejections = new ArrayList<>();
      for (ReplicaView replica : replicas) {
        String rejection = rejection(replica, model, leaving, free, holds);
        if (rejection != null) {
          rejections.add(rejection);
        } else if (target == null || free.get(replica.index()) > free.get(target.index())) {
          target = replica; // replicas come in index order: a tie keeps the lower index
        }
      }
      if (target == null) {
        stays.add(new DrainPlan.Stay(model.model(), model.memoryBytes(), model.from(),
            "no replica of server " + server + " can take model " + model.model() + " (needs "
                + ByteSize.format(model.memoryBytes()) + "): "
                + (rejections.isEmpty() ? "the server has no replicas" : String.join(", ", rejections))));
      } else {
        free.merge(target.index(), -model.memoryBytes(), Long::sum);
        holds.get(target.index()).add(model.model());
        moves.add(new DrainPlan.Move(model.model(), model.memoryBytes(), model.from(), target.index()));
      }
    }
    return new DrainPlan(moves, stays);
  }

  private static String rejection(ReplicaView replica, Leaving model, Set<Integer> leaving, Map<Integer, Long> free,
      Map<Integer, Set<String>> holds) {
    int index = replica.index();
    if (leaving.contains(index)) {
      return "replica " + index + " is leaving";
    }
    if (replica.draining()) {
      return "replica " + index + " is draining";
    }
    if (holds.get(index).contains(model.model())) {
      return "replica " + index + " holds it already";
    }
    long available = free.get(index);
    if (available < model.memoryBytes()) {
      return "replica " + index + " has " + ByteSize.format(available) + " free";
    }
    return null;
  }

  private record Leaving(String model, long memoryBytes, int from) {}
}
