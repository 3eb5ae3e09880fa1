package io.trantor.gateway.ingress;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Picks the replica with the fewest requests in flight (Envoy's LEAST_REQUEST, exhaustively).
 * Ties go round-robin, so an idle model still spreads sequential requests over its replicas.
 */
final class LeastOutstanding {
  private final AtomicInteger next = new AtomicInteger();

  /** The least busy replica not in {@code tried}, or null when there is none. */
  Replica choose(List<Replica> replicas, Set<Upstream> tried) {
    int n = replicas.size();
    if (n == 0) {
      return null;
    }
    int start = Math.floorMod(next.getAndIncrement(), n);
    Replica best = null;
    int bestLoad = Integer.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      Replica candidate = replicas.get((start + i) % n);
      if (tried.contains(candidate.upstream())) {
        continue;
      }
      int load = candidate.upstream().outstanding();
      if (load < bestLoad) {
        best = candidate;
        bestLoad = load;
      }
    }
    return best;
  }
}
