package io.trantor.compiler.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One topic a flow reads, as seen by one source pipeline: only records whose {@code pipeline} header
 * names {@link #pipeline} belong to it (model topics are shared by every pipeline using the model).
 * References to several tensors of the same topic and pipeline are one source (Seldon groups them so),
 * which keeps one stream per topic and lets a step read two tensors of one request without a join.
 *
 * @param topic    the topic
 * @param pipeline the pipeline whose records are kept: this pipeline, or another one for the {@code input}
 *                 section
 * @param payload  what the topic carries (by its suffix: {@code inputs} requests, {@code outputs} responses)
 * @param tensors  the tensors kept, in reference order; empty keeps every tensor. A record left without
 *                 tensors is dropped, which is how conditional branches stay silent
 * @param renames  tensor renames from the spec's {@code tensorMap} that apply to this source: source tensor
 *                 name to the name the sink expects
 */
public record FlowSource(String topic, String pipeline, Payload payload, List<String> tensors,
                         Map<String, String> renames) {
  public FlowSource {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(payload, "payload");
    tensors = List.copyOf(tensors);
    renames = Map.copyOf(renames);
  }

  public String describe() {
    String renamed = renames.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "->" + e.getValue()).collect(Collectors.joining(","));
    return topic + (tensors.isEmpty() ? "" : tensors.toString()) + "@" + pipeline
        + (renamed.isEmpty() ? "" : " {" + renamed + "}");
  }
}
