package io.trantor.workflows.activity;

import java.util.List;
import java.util.Map;

/**
 * Input of {@link AgentActivities#load}: load {@code <model>_<version>} on one replica.
 *
 * @param artifactVersion Triton version folder to serve, or {@code null} for the folder's policy
 * @param explainer what the model explains when it is an explainer, else {@code null}
 */
public record LoadRequest(
    String namespace,
    ReplicaTarget replica,
    String model,
    long version,
    String storageUri,
    Long artifactVersion,
    List<String> requirements,
    long memoryBytes,
    Map<String, String> parameters,
    String secretName,
    ExplainerRef explainer) {}
