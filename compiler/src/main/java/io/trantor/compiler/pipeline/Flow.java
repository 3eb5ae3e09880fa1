package io.trantor.compiler.pipeline;

import io.trantor.dsl.JoinType;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One node of a pipeline's dataflow: read {@link #inputs} (joined by {@link #inputsJoin}), wait for
 * {@link #triggers} (joined by {@link #triggersJoin}, never passed on), write the result to {@link #sink}.
 *
 * @param name         unique in the plan: {@code step-<step>}, {@code pipeline-input},
 *                     {@code pipeline-output} or {@code pipeline-errors}; names the topology's nodes
 * @param role         what the flow stands for
 * @param inputs       the data sources, one per (topic, source pipeline); at least one
 * @param inputsJoin   how several inputs combine
 * @param triggers     sources that must be present for the flow to fire; their data are dropped
 * @param triggersJoin how several triggers combine
 * @param joinWindowMs the join window (Seldon's engine default of 60 s when the spec leaves it unset or 0);
 *                     irrelevant for a single input without triggers
 * @param sink         the topic the flow writes
 * @param sinkPayload  what the sink topic carries
 * @param batchSize    Seldon's {@code batch.size}: requests stacked into one before the model is called;
 *                     0 for none
 * @param batchWindowMs Seldon's {@code batch.windowMs} (which Seldon ignores): the longest a batch waits
 *                     before it is sent incomplete; 0 for no limit
 */
public record Flow(String name, Role role, List<FlowSource> inputs, JoinType inputsJoin, List<FlowSource> triggers,
                   JoinType triggersJoin, long joinWindowMs, String sink, Payload sinkPayload, int batchSize,
                   long batchWindowMs) {

  /** What a flow stands for in the pipeline spec. */
  public enum Role {
    /** a step: its sink is the step model's inputs topic */
    STEP,
    /** the {@code input} section: other pipelines' data into this pipeline's inputs topic */
    INPUT,
    /** the {@code output} section: step data into this pipeline's outputs topic */
    OUTPUT,
    /** this pipeline's error records into its outputs topic */
    ERRORS
  }

  public Flow {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    inputs = List.copyOf(inputs);
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("flow " + name + ": at least one input");
    }
    inputsJoin = inputsJoin == null ? JoinType.INNER : inputsJoin;
    triggers = List.copyOf(triggers);
    triggersJoin = triggersJoin == null ? JoinType.INNER : triggersJoin;
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(sinkPayload, "sinkPayload");
    if (joinWindowMs <= 0) {
      throw new IllegalArgumentException("flow " + name + ": joinWindowMs must be positive, got " + joinWindowMs);
    }
  }

  /** Whether the flow needs to wait for several records with the same key (a join store). */
  public boolean joins() {
    return inputs.size() > 1 || !triggers.isEmpty();
  }

  public String describe() {
    String in = inputs.stream().map(FlowSource::describe).collect(Collectors.joining(", "));
    String tr = triggers.stream().map(FlowSource::describe).collect(Collectors.joining(", "));
    return name + ": [" + in + "]" + (inputs.size() > 1 ? " " + inputsJoin.value() : "")
        + (triggers.isEmpty() ? "" : " triggers [" + tr + "]" + (triggers.size() > 1 ? " " + triggersJoin.value() : ""))
        + (joins() ? " window " + joinWindowMs + "ms" : "")
        + (batchSize > 0 ? " batch " + batchSize + (batchWindowMs > 0 ? " within " + batchWindowMs + "ms" : "") : "")
        + " -> " + sink + " (" + sinkPayload.name().toLowerCase(java.util.Locale.ROOT) + ")";
  }
}
