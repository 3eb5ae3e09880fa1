package io.trantor.operator.crd;

import io.fabric8.generator.annotation.Default;
import java.util.List;
import java.util.Map;

/** {@code Pipeline.spec.input}: data and triggers taken from other pipelines. */
public record PipelineInput(
        List<String> externalInputs,
        List<String> externalTriggers,
        Integer joinWindowMs,
        @Default("inner") JoinType joinType,
        @Default("inner") JoinType triggersJoinType,
        Map<String, String> tensorMap) {
}
