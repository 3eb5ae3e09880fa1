package io.trantor.compiler.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A server that passed the server filters, with its eligible replicas in preference order and
 * the reasons the others were left out.
 */
record ServerCandidate(ServerView server, List<ReplicaView> eligible, List<String> rejections) {

  ServerCandidate {
    eligible = List.copyOf(eligible);
    rejections = List.copyOf(rejections);
  }

  static ServerCandidate of(ServerView server, ModelDemand demand) {
    List<ReplicaView> eligible = new ArrayList<>();
    List<String> rejections = new ArrayList<>();
    // Rejections stay in index order, the order a user reads replicas in.
    server.replicas().stream().sorted(Comparator.comparingInt(ReplicaView::index)).forEach(replica ->
        ReplicaFilter.rejection(replica, demand).ifPresentOrElse(rejections::add, () -> eligible.add(replica)));
    eligible.sort(PlacementOrder.replicas(demand.model()));
    return new ServerCandidate(server, eligible, rejections);
  }

  /** The indexes of the first {@code count} eligible replicas. */
  List<Integer> first(int count) {
    return eligible.stream().limit(count).map(ReplicaView::index).toList();
  }
}
