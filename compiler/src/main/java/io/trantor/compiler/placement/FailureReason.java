package io.trantor.compiler.placement;

import java.util.ArrayList;
import java.util.List;

/**
 * Failure reasons: Seldon's sentence first (users and tools match on it), then what each server
 * lacked, because Seldon's sentence alone never says which requirement or how much memory.
 */
final class FailureReason {
  static final String NO_MATCHING_SERVERS = "Failed to schedule model as no matching servers are available";
  static final String NOT_ENOUGH_REPLICAS =
      "Failed to schedule model as no matching server had enough suitable replicas";

  /** Beyond this many rejected replicas per server, the rest are counted, not listed. */
  private static final int LISTED_REPLICAS = 5;

  private FailureReason() {}

  static String noMatchingServers(ClusterView cluster, String pin, List<String> serverRejections) {
    String detail;
    if (cluster.servers().isEmpty()) {
      detail = "there are no servers";
    } else if (pin != null && serverRejections.isEmpty()) {
      detail = "the model is pinned to server " + pin + ", which does not exist (servers: "
          + String.join(", ", cluster.servers().stream().map(ServerView::name).sorted().toList()) + ")";
    } else {
      detail = String.join("; ", serverRejections);
    }
    return NO_MATCHING_SERVERS + ": " + detail;
  }

  static String notEnoughReplicas(
      ModelDemand demand, List<ServerCandidate> candidates, List<String> serverRejections) {
    List<String> details = new ArrayList<>();
    candidates.forEach(candidate -> details.add(describe(candidate, demand)));
    details.addAll(serverRejections);
    return NOT_ENOUGH_REPLICAS + ": " + String.join("; ", details);
  }

  private static String describe(ServerCandidate candidate, ModelDemand demand) {
    int suitable = candidate.eligible().size();
    StringBuilder text = new StringBuilder("server ").append(candidate.server().name())
        .append(" has ").append(suitable).append(" suitable replica").append(suitable == 1 ? "" : "s")
        .append(" of ").append(candidate.server().replicas().size())
        .append(", needs ").append(demand.replicas());
    if (demand.minReplicas() > 0) {
      text.append(" (at least ").append(demand.minReplicas()).append(')');
    }
    List<String> rejections = candidate.rejections();
    if (!rejections.isEmpty()) {
      text.append(": ").append(String.join(", ", rejections.stream().limit(LISTED_REPLICAS).toList()));
      if (rejections.size() > LISTED_REPLICAS) {
        text.append(" and ").append(rejections.size() - LISTED_REPLICAS).append(" more");
      }
    }
    return text.toString();
  }
}
