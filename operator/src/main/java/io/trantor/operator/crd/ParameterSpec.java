package io.trantor.operator.crd;

import io.fabric8.generator.annotation.Required;

/** One of {@code Model.spec.parameters}: a load-time parameter. */
public record ParameterSpec(@Required String name, @Required String value) {
}
