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

    /** Kubernetes' default for {@code podSpec.terminationGracePeriodSeconds}, which caps a replica's drain. */
    public static final long DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 120;

    /**
     * How long a leaving replica may take to drain: {@code podSpec.terminationGracePeriodSeconds}, or
     * {@link #DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS} when it is not a whole number of seconds.
     */
    public long terminationGracePeriodSeconds() {
        JsonNode grace = podSpec == null ? null : podSpec.get("terminationGracePeriodSeconds");
        return grace != null && grace.canConvertToLong() && grace.isIntegralNumber() && grace.asLong() >= 0
                ? grace.asLong() : DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
    }
}
