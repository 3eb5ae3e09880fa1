package io.trantor.operator.crd;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import java.util.List;
import java.util.Map;

/** One of {@code Pipeline.spec.steps}: the model named {@code name}, its inputs and triggers. */
public record PipelineStep(
        @Required String name,
        List<String> inputs,
        Integer joinWindowMs,
        Map<String, String> tensorMap,
        List<String> triggers,
        @Default("inner") JoinType inputsJoinType,
        JoinType triggersJoinType,
        PipelineBatch batch) {
}
