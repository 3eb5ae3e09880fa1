package io.trantor.operator.crd;

import io.fabric8.generator.annotation.Required;

/** A Knative-style status condition (Seldon embeds Knative's duck {@code Status}). */
public record Condition(
        @Required String type,
        @Required String status,
        String severity,
        String lastTransitionTime,
        String reason,
        String message) {
}
