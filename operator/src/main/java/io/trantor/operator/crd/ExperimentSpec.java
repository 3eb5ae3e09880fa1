package io.trantor.operator.crd;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/**
 * {@code Experiment.spec} (seldon-api-surface.md §4.5).
 *
 * @param defaultResource the field {@code default} (a Java keyword): the model or pipeline whose
 *                        endpoint the split takes over
 */
public record ExperimentSpec(
        @JsonProperty("default") String defaultResource,
        @Required List<ExperimentCandidate> candidates,
        ExperimentMirror mirror,
        String resourceType) {
}
