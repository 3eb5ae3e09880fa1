package io.trantor.dsl;

import java.util.List;

/**
 * {@code Pipeline.spec}, field by field as in Seldon's CRD.
 *
 * @param steps           the graph's nodes; each step name is a Model name; at least one
 * @param input           data and triggers taken from other pipelines, or null
 * @param output          what the pipeline returns (needed for synchronous calls), or null
 * @param allowCycles     permit cyclic graphs (otherwise a cycle is a validation problem)
 * @param maxStepRevisits how often one request may revisit a step of a cyclic pipeline; 0 when unset
 */
public record PipelineSpec(List<PipelineStep> steps, PipelineInput input, PipelineOutput output,
                           Dataflow dataflow, boolean allowCycles, int maxStepRevisits) {

    /**
     * Seldon's dataflow engine joins within 60 s when a step leaves {@code joinWindowMs} unset or 0
     * ({@code kafka.join.window.millis}). It is an engine setting, not a manifest default, so specs keep
     * the value as written and the compiler applies this.
     */
    public static final int ENGINE_DEFAULT_JOIN_WINDOW_MS = 60_000;

    public PipelineSpec {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }
}
