package io.trantor.workflows.activity;

import java.util.List;

/**
 * Result of {@link DrainActivities#planDrain}: the models on the leaving replica that have somewhere
 * to go, and those that fit nowhere else, each as {@code "<model>: <reason>"}.
 */
public record DrainPlanOutcome(List<String> moving, List<String> staying) {
  public DrainPlanOutcome {
    moving = List.copyOf(moving);
    staying = List.copyOf(staying);
  }

  /** Every model on the replica, moving first. */
  public List<String> models() {
    List<String> all = new java.util.ArrayList<>(moving);
    staying.forEach(s -> all.add(s.substring(0, s.indexOf(':'))));
    return all;
  }
}
