package io.trantor.gateway.pipelinehost.dataflow;

/** A change of a pipeline version's dataflow state, for {@link Dataflows#onStateChange}. */
public record DataflowStateChange(String namespace, String pipeline, String uid, DataflowState state) {}
