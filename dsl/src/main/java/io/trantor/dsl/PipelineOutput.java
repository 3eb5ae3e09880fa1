package io.trantor.dsl;

import java.util.List;
import java.util.Map;

/**
 * {@code Pipeline.spec.output}: which step data form the response.
 *
 * @param steps        {@link StepReference}s of this pipeline's steps
 * @param joinWindowMs 0 when unset (a plain uint in Seldon, not a pointer)
 * @param stepsJoin    defaults to {@code inner}; {@code any} returns whichever step answers first
 */
public record PipelineOutput(List<String> steps, int joinWindowMs, JoinType stepsJoin, Map<String, String> tensorMap) {

    public PipelineOutput {
        steps = steps == null ? List.of() : List.copyOf(steps);
        stepsJoin = stepsJoin == null ? JoinType.INNER : stepsJoin;
        tensorMap = Metadata.ordered(tensorMap);
    }
}
