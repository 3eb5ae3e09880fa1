package io.trantor.operator.crd;

import io.fabric8.generator.annotation.Required;
import java.util.List;

/** {@code Pipeline.spec} (seldon-api-surface.md §4.4). */
public record PipelineSpec(
        PipelineInput input,
        @Required List<PipelineStep> steps,
        PipelineOutput output,
        DataflowSpec dataflow,
        Boolean allowCycles,
        Integer maxStepRevisits) {
}
