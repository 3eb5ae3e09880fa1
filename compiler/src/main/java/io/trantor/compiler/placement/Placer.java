package io.trantor.compiler.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides where a model's replicas go (shared reference, seldon-behaviour.md §1.3): servers whose
 * capabilities cover the requirements (and the pin, when given), replicas with enough free
 * memory (counting overcommit) that are not draining; prefers the current server, then replicas
 * that already hold the model, then the most free memory, then lower indexes. Pure and
 * deterministic: the same inputs give the same decision.
 */
public final class Placer {
  private Placer() {}

  public static PlacementDecision place(ModelDemand demand, ClusterView cluster) {
    Objects.requireNonNull(demand, "demand");
    Objects.requireNonNull(cluster, "cluster");
    String pin = blankToNull(demand.server());
    String current = blankToNull(demand.currentServer());
    if (demand.replicas() <= 0) {
      // Seldon: desired 0 trivially succeeds and every replica is released.
      return new PlacementDecision.Placed(current == null ? "" : current, List.of());
    }
    List<ServerCandidate> candidates = new ArrayList<>();
    List<String> serverRejections = new ArrayList<>();
    for (ServerView server : PlacementOrder.servers(cluster, pin, current)) {
      ServerFilter.rejection(server, demand, pin != null).ifPresentOrElse(
          serverRejections::add, () -> candidates.add(ServerCandidate.of(server, demand)));
    }
    if (candidates.isEmpty()) {
      return new PlacementDecision.Failed(FailureReason.noMatchingServers(cluster, pin, serverRejections));
    }
    for (ServerCandidate candidate : candidates) {
      if (candidate.eligible().size() >= demand.replicas()) {
        return new PlacementDecision.Placed(candidate.server().name(), candidate.first(demand.replicas()));
      }
    }
    if (demand.minReplicas() > 0) {
      // Partial placement: fewer replicas than desired are acceptable down to minReplicas.
      for (ServerCandidate candidate : candidates) {
        if (candidate.eligible().size() >= demand.minReplicas()) {
          return new PlacementDecision.Placed(candidate.server().name(), candidate.first(demand.replicas()));
        }
      }
    }
    return new PlacementDecision.Failed(FailureReason.notEnoughReplicas(demand, candidates, serverRejections));
  }

  private static String blankToNull(String name) {
    return name == null || name.isBlank() ? null : name;
  }
}
