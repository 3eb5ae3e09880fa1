package io.trantor.operator.crd;

import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;
import java.util.Map;

/** One of {@code SeldonConfig.spec.components}: a control- or data-plane component's workload. */
public record ComponentDefn(
        @Required String name,
        Map<String, String> labels,
        Map<String, String> annotations,
        Integer replicas,
        PodSpec podSpec,
        List<PersistentVolumeClaimTemplate> volumeClaimTemplates) {
}
