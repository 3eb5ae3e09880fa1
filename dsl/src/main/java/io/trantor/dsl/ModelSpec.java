package io.trantor.dsl;

import java.util.List;

/**
 * {@code Model.spec}, field by field as in Seldon's CRD. Absent optional values are null; absent lists are
 * empty. Seldon's conversion defaults are applied when reading: {@code replicas} is 1 when nothing is set,
 * or {@code minReplicas} when only that is set.
 *
 * @param storageUri      artifact location (any rclone URI); required and non-empty
 * @param artifactVersion numbered version folder inside the artifact, or null
 * @param schemaUri       accepted and kept, but Seldon never sends it to the scheduler
 * @param memory          memory per replica, or null
 * @param minReplicas     autoscaling floor; 0 means unset
 * @param maxReplicas     autoscaling ceiling; 0 means unset (Seldon sends 4294967295)
 * @param server          pins the model to a named Server, or null
 * @param preloaded       accepted, a no-op in Seldon
 * @param dedicated       accepted, a no-op in Seldon
 * @param logger          payload logging when non-null ({@code percent} is ignored by Seldon)
 */
public record ModelSpec(String storageUri, String modelType, Integer artifactVersion, String schemaUri,
                        String secretName, List<String> requirements, Quantity memory, int replicas,
                        int minReplicas, int maxReplicas, String server, boolean preloaded, boolean dedicated,
                        Logger logger, Explainer explainer, List<Parameter> parameters, Llm llm,
                        Dataflow dataflow) {

    public ModelSpec {
        requirements = requirements == null ? List.of() : List.copyOf(requirements);
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    /** Autoscaling is on when either bound is set, as in Seldon. */
    public boolean autoscaling() {
        return minReplicas != 0 || maxReplicas != 0;
    }

    /** {@code spec.logger}. */
    public record Logger(Integer percent) {
    }

    /**
     * {@code spec.explainer}: a black-box explainer of exactly one model ({@code modelRef}) or pipeline
     * ({@code pipelineRef}); {@code type} e.g. {@code anchor_tabular}.
     */
    public record Explainer(String type, String modelRef, String pipelineRef) {
    }

    /** {@code spec.llm}: a reference for Seldon's LLM runtime; exclusive with {@code explainer}. */
    public record Llm(String modelRef, String pipelineRef) {
    }

    /** {@code spec.parameters[]}: a load-time parameter (MLServer: {@code parameters.extra}). */
    public record Parameter(String name, String value) {
    }
}
