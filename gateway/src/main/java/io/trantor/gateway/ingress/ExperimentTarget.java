package io.trantor.gateway.ingress;

import io.trantor.protocol.control.ExperimentCandidate;
import io.trantor.protocol.control.ExperimentRouteUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An experiment as the gateway routes it: candidates with cumulative weights for a weighted pick,
 * and an optional mirror that receives {@code mirrorPercent}% of the requests.
 *
 * @param defaultModel the model (pipeline) whose name the experiment takes over, or {@code null}
 * @param mirrorModel  {@code null} when there is no mirror
 * @param pipelines    the names are pipelines' ({@code resourceType: pipeline})
 */
record ExperimentTarget(String name, String defaultModel, List<String> candidates, int[] cumulative,
    String mirrorModel, int mirrorPercent, boolean pipelines) {

  static ExperimentTarget of(ExperimentRouteUpdate update) {
    List<String> candidates = new ArrayList<>();
    List<Integer> weights = new ArrayList<>();
    for (ExperimentCandidate c : update.getCandidatesList()) {
      if (c.getWeight() > 0) {
        candidates.add(c.getModel());
        weights.add(c.getWeight());
      }
    }
    int[] cumulative = new int[weights.size()];
    int sum = 0;
    for (int i = 0; i < cumulative.length; i++) {
      sum += weights.get(i);
      cumulative[i] = sum;
    }
    String mirror = update.hasMirror() && !update.getMirror().getModel().isEmpty() ? update.getMirror().getModel() : null;
    return new ExperimentTarget(update.getName(), update.getDefaultModel().isEmpty() ? null : update.getDefaultModel(),
        List.copyOf(candidates), cumulative, mirror, mirror == null ? 0 : update.getMirror().getPercent(),
        update.getPipelines());
  }

  /** A candidate chosen with probability weight / sum of weights; {@code null} when there is none. */
  String pick() {
    if (cumulative.length == 0) {
      return null;
    }
    int r = ThreadLocalRandom.current().nextInt(cumulative[cumulative.length - 1]);
    for (int i = 0; i < cumulative.length; i++) {
      if (r < cumulative[i]) {
        return candidates.get(i);
      }
    }
    return candidates.getLast();
  }

  /** Whether this request should also be copied to the mirror. */
  boolean mirrorThis() {
    return mirrorModel != null && mirrorPercent > 0
        && (mirrorPercent >= 100 || ThreadLocalRandom.current().nextInt(100) < mirrorPercent);
  }
}
