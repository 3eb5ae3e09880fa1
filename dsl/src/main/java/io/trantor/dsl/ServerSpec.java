package io.trantor.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code Server.spec}, field by field as in Seldon's CRD. Kubernetes objects passed through to the
 * StatefulSet ({@code podSpec}, {@code imageOverrides}, {@code deploymentStrategy},
 * {@code statefulSetPersistentVolumeClaimRetentionPolicy}) are kept as JSON trees, not interpreted
 * yet; they are null when absent and copied in and out, so the record stays immutable.
 *
 * @param serverConfig      name of the ServerConfig to build from; required
 * @param extraCapabilities appended to the ServerConfig's capabilities
 * @param capabilities      when non-empty, replaces the ServerConfig's capabilities
 * @param replicas          1 when nothing is set, {@code minReplicas} when only that is set
 * @param minReplicas       0 means unset
 * @param maxReplicas       0 means unset
 * @param disableAutoUpdate do not roll the server when its ServerConfig changes
 */
public record ServerSpec(String serverConfig, List<String> extraCapabilities, List<String> capabilities,
                         JsonNode imageOverrides, JsonNode podSpec,
                         JsonNode statefulSetPersistentVolumeClaimRetentionPolicy, int replicas, int minReplicas,
                         int maxReplicas, JsonNode deploymentStrategy, boolean disableAutoUpdate) {

    public ServerSpec {
        extraCapabilities = extraCapabilities == null ? List.of() : List.copyOf(extraCapabilities);
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
        imageOverrides = JsonTrees.copy(imageOverrides);
        podSpec = JsonTrees.copy(podSpec);
        statefulSetPersistentVolumeClaimRetentionPolicy = JsonTrees.copy(statefulSetPersistentVolumeClaimRetentionPolicy);
        deploymentStrategy = JsonTrees.copy(deploymentStrategy);
    }

    @Override
    public JsonNode imageOverrides() {
        return JsonTrees.copy(imageOverrides);
    }

    @Override
    public JsonNode podSpec() {
        return JsonTrees.copy(podSpec);
    }

    @Override
    public JsonNode statefulSetPersistentVolumeClaimRetentionPolicy() {
        return JsonTrees.copy(statefulSetPersistentVolumeClaimRetentionPolicy);
    }

    @Override
    public JsonNode deploymentStrategy() {
        return JsonTrees.copy(deploymentStrategy);
    }
}
