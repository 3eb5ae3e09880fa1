package io.trantor.operator.crd;

import java.util.List;
import java.util.Map;

/** {@code SeldonRuntime.status}: the duck fields only (one condition per component, plus Ready). */
public record SeldonRuntimeStatus(Long observedGeneration, List<Condition> conditions,
        Map<String, String> annotations) {
}
