package io.trantor.operator.crd;

import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;

/** {@code ServerConfig.spec}: the pod template of a kind of server (seldon-api-surface.md §4.3). */
public record ServerConfigSpec(
        @Required PodSpec podSpec,
        List<PersistentVolumeClaimTemplate> volumeClaimTemplates) {
}
