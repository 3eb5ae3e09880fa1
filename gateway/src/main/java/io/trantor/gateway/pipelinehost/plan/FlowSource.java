package io.trantor.gateway.pipelinehost.plan;

import java.util.List;
import java.util.Map;

/**
 * One topic a flow reads, as seen by one source pipeline: only records whose {@code pipeline}
 * header names {@link #pipeline} belong to it.
 *
 * @param tensors the tensors kept, in reference order; empty keeps every tensor (a record left
 *                without tensors is dropped)
 * @param renames source tensor name to the name the sink expects
 */
public record FlowSource(String topic, String pipeline, Payload payload, List<String> tensors,
                         Map<String, String> renames) {}
