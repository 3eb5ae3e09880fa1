package io.trantor.operator.crd;

import io.fabric8.generator.annotation.Required;

/** {@code Experiment.spec.mirror}: {@code percent}% of the traffic copied to {@code name}. */
public record ExperimentMirror(@Required String name, @Required Integer percent) {
}
