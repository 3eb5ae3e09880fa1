package io.trantor.operator.crd;

import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import java.util.List;

/**
 * {@code Server.spec} (seldon-api-surface.md §4.2).
 *
 * @param podSpec merged over the ServerConfig's pod spec, so its {@code containers} are optional
 */
public record ServerSpec(
        @Required String serverConfig,
        List<String> extraCapabilities,
        List<String> capabilities,
        ContainerOverrideSpec imageOverrides,
        PodSpec podSpec,
        StatefulSetPersistentVolumeClaimRetentionPolicy statefulSetPersistentVolumeClaimRetentionPolicy,
        @SpecReplicas Integer replicas,
        Integer minReplicas,
        Integer maxReplicas,
        DeploymentStrategy deploymentStrategy,
        Boolean disableAutoUpdate) {
}
