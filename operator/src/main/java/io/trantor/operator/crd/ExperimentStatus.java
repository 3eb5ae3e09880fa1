package io.trantor.operator.crd;

import java.util.List;
import java.util.Map;

/** {@code Experiment.status}: the duck fields only. */
public record ExperimentStatus(Long observedGeneration, List<Condition> conditions, Map<String, String> annotations) {
}
