package io.trantor.compiler.pipeline;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one pipeline version needs at run time: plain data, printable, testable without Kafka.
 * The gateway turns it into a Kafka Streams topology ({@code io.trantor.gateway.pipelinehost.dataflow.PipelineTopology});
 * the control plane creates its topics first.
 *
 * <p>The dataflow is a list of {@link Flow}s, one per Seldon "step update" (reference §4.5): one per
 * step (sink {@code model.<step>.inputs}), one for the {@code input} section when present (sink
 * {@code pipeline.<p>.inputs}), one for the {@code output} section when present (sink
 * {@code pipeline.<p>.outputs}) and always one that forwards this pipeline's records of the errors
 * topic to its outputs, so a synchronous caller ends with an error instead of waiting forever.
 *
 * @param namespace       the pipeline's namespace
 * @param name            the pipeline's name
 * @param version         the pipeline version (1, 2, ... per spec change)
 * @param uid             unique per version; names the Kafka Streams application
 * @param topics          every topic the dataflow reads or writes (to be created before it starts)
 * @param stepModels      the models the steps call, in step order
 * @param inputsTopic     {@code <prefix>.<ns>.pipeline.<name>.inputs}: where requests arrive
 * @param outputsTopic    {@code <prefix>.<ns>.pipeline.<name>.outputs}: where answers (and errors) leave
 * @param errorsTopic     the namespace's shared errors topic
 * @param flows           the dataflow, in a deterministic order (steps in spec order, then input,
 *                        output, errors), so every gateway builds the same topology
 * @param allowCycles     whether the spec allowed cycles
 * @param maxStepRevisits how often one request may revisit a step of a cyclic pipeline (0 = unset)
 */
public record PipelinePlan(String namespace, String name, long version, String uid, Set<String> topics,
                           List<String> stepModels, String inputsTopic, String outputsTopic, String errorsTopic,
                           List<Flow> flows, boolean allowCycles, int maxStepRevisits) {
  public PipelinePlan {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(uid, "uid");
    topics = Set.copyOf(topics);
    stepModels = List.copyOf(stepModels);
    flows = List.copyOf(flows);
  }

  /** The flow with this name ({@link Flow#name()}), e.g. {@code step-add10}; for tests and {@code --dry-run}. */
  public Flow flow(String flowName) {
    return flows.stream().filter(f -> f.name().equals(flowName)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no flow " + flowName + " in pipeline " + name
            + "; flows: " + flows.stream().map(Flow::name).toList()));
  }

  /** A readable multi-line description, one flow per paragraph (for {@code --dry-run} and test failures). */
  public String describe() {
    StringBuilder out = new StringBuilder("pipeline " + namespace + "/" + name + " v" + version + " (" + uid + ")\n");
    for (Flow flow : flows) {
      out.append(flow.describe()).append('\n');
    }
    return out.toString();
  }
}
