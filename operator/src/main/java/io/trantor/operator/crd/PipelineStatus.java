package io.trantor.operator.crd;

import java.util.List;
import java.util.Map;

/** {@code Pipeline.status}: the duck fields only. */
public record PipelineStatus(Long observedGeneration, List<Condition> conditions, Map<String, String> annotations) {
}
