package io.trantor.operator.crd;

import io.fabric8.generator.annotation.Required;

/** One of {@code Experiment.spec.candidates}: its share is weight / the sum of the weights. */
public record ExperimentCandidate(@Required String name, @Required Integer weight) {
}
