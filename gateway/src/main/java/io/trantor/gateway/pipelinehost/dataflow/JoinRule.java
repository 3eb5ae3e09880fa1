package io.trantor.gateway.pipelinehost.dataflow;

import io.trantor.gateway.pipelinehost.plan.Flow;
import io.trantor.gateway.pipelinehost.plan.JoinType;
import java.util.Set;

/**
 * When a join fires, given the slots that arrived: inputs are slots {@code 0..inputs-1}, triggers the
 * following ones. {@code inner} needs every slot of its kind, {@code any} one, {@code outer} every one
 * while the window is open and at least one when it closes (the outer join's "whatever arrived").
 */
record JoinRule(int inputs, JoinType inputsJoin, int triggers, JoinType triggersJoin, long windowMs) {

  static JoinRule of(Flow flow) {
    return new JoinRule(flow.inputs().size(), flow.inputsJoin(), flow.triggers().size(), flow.triggersJoin(),
        flow.joinWindowMs());
  }

  boolean ready(Set<Integer> arrived, boolean windowClosed) {
    int data = (int) arrived.stream().filter(s -> s < inputs).count();
    int trig = arrived.size() - data;
    return satisfied(inputsJoin, data, inputs, windowClosed)
        && (triggers == 0 || satisfied(triggersJoin, trig, triggers, windowClosed));
  }

  private static boolean satisfied(JoinType type, int arrived, int expected, boolean windowClosed) {
    return switch (type) {
      case INNER -> arrived == expected;
      case ANY -> arrived > 0;
      case OUTER -> arrived == expected || windowClosed && arrived > 0;
    };
  }
}
