package io.trantor.gateway.pipelinehost.plan;

import java.util.List;

/**
 * One node of the dataflow: read {@link #inputs} (combined by {@link #inputsJoin}), wait for
 * {@link #triggers} (combined by {@link #triggersJoin}; their data are dropped), write to {@link #sink}.
 *
 * @param name          names the topology's nodes, e.g. {@code step-<step>} or {@code pipeline-output}
 * @param joinWindowMs  how long a join waits for its sources
 * @param batchSize     requests stacked into one before the model is called; 0 for none
 * @param batchWindowMs the longest a batch waits before it is sent incomplete; 0 for no limit
 */
public record Flow(String name, Role role, List<FlowSource> inputs, JoinType inputsJoin, List<FlowSource> triggers,
                   JoinType triggersJoin, long joinWindowMs, String sink, Payload sinkPayload, int batchSize,
                   long batchWindowMs) {

  /** What the flow stands for in the pipeline spec. */
  public enum Role { STEP, INPUT, OUTPUT, ERRORS }

  /** Whether the flow waits for several records with the same key (a join store). */
  public boolean joins() {
    return inputs.size() > 1 || !triggers.isEmpty();
  }
}
