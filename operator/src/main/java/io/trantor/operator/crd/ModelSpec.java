package io.trantor.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import java.util.List;

/** {@code Model.spec} (seldon-api-surface.md §4.1). */
public record ModelSpec(
        @Required
        @JsonPropertyDescription("Storage URI for the model repository (any rclone URI)")
        String storageUri,
        String modelType,
        Integer artifactVersion,
        String schemaUri,
        String secretName,
        @JsonPropertyDescription("Capabilities the Server must advertise")
        List<String> requirements,
        Quantity memory,
        @SpecReplicas Integer replicas,
        Integer minReplicas,
        Integer maxReplicas,
        String server,
        Boolean preloaded,
        Boolean dedicated,
        LoggingSpec logger,
        ExplainerSpec explainer,
        List<ParameterSpec> parameters,
        LlmSpec llm,
        DataflowSpec dataflow) {
}
