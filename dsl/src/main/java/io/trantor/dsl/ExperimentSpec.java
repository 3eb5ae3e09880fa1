package io.trantor.dsl;

import java.util.List;

/**
 * {@code Experiment.spec}.
 *
 * @param defaultResource the CRD field {@code default} (a Java keyword): the model or pipeline whose own
 *                        endpoint the split takes over; null means the experiment is reachable only as
 *                        {@code <name>.experiment}. It must be one of the candidates.
 * @param candidates      at least one; share = weight / sum of weights
 * @param mirror          a copy of some traffic whose responses are dropped, or null
 * @param resourceType    defaults to {@code model}
 */
public record ExperimentSpec(String defaultResource, List<Candidate> candidates, Mirror mirror,
                             ResourceType resourceType) {

    public ExperimentSpec {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        resourceType = resourceType == null ? ResourceType.MODEL : resourceType;
    }

    /** {@code spec.candidates[]}. */
    public record Candidate(String name, int weight) {
    }

    /** {@code spec.mirror}: {@code percent} of traffic (0 to 100) is copied to {@code name}. */
    public record Mirror(String name, int percent) {
    }
}
