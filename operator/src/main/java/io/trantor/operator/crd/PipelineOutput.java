package io.trantor.operator.crd;

import io.fabric8.generator.annotation.Default;
import java.util.List;
import java.util.Map;

/** {@code Pipeline.spec.output}: the steps whose data form the response. */
public record PipelineOutput(
        List<String> steps,
        Integer joinWindowMs,
        @Default("inner") JoinType stepsJoin,
        Map<String, String> tensorMap) {
}
