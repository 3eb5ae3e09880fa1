package io.trantor.dsl;

import java.util.List;
import java.util.Map;

/**
 * {@code Pipeline.spec.input}: data and triggers from other pipelines, in the {@link PipelineReference}
 * notation.
 *
 * @param externalInputs   at least one when the section is present
 * @param joinWindowMs     join window in ms, or null
 * @param joinType         defaults to {@code inner}
 * @param triggersJoinType defaults to {@code inner}
 */
public record PipelineInput(List<String> externalInputs, List<String> externalTriggers, Integer joinWindowMs,
                            JoinType joinType, JoinType triggersJoinType, Map<String, String> tensorMap) {

    public PipelineInput {
        externalInputs = externalInputs == null ? List.of() : List.copyOf(externalInputs);
        externalTriggers = externalTriggers == null ? List.of() : List.copyOf(externalTriggers);
        joinType = joinType == null ? JoinType.INNER : joinType;
        triggersJoinType = triggersJoinType == null ? JoinType.INNER : triggersJoinType;
        tensorMap = Metadata.ordered(tensorMap);
    }
}
