package io.trantor.operator.crd;

import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.PodSpec;

/**
 * One of {@code SeldonRuntime.spec.overrides}: a component's replicas, Service type, pod spec, or
 * its absence.
 *
 * @param podSpec merged over the component's pod spec, so its {@code containers} are optional
 */
public record OverrideSpec(
        @Required String name,
        Boolean disable,
        Integer replicas,
        String serviceType,
        PodSpec podSpec) {
}
