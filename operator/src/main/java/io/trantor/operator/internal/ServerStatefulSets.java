package io.trantor.operator.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.trantor.operator.crd.PersistentVolumeClaimTemplate;
import io.trantor.operator.crd.Server;
import io.trantor.operator.crd.ServerConfig;
import io.trantor.operator.crd.ServerSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The StatefulSet of a Server (seldon-operator.md §4): named as the Server, {@code serviceName} the same,
 * {@code podManagementPolicy: Parallel}; labels the ServerConfig's under the Server's plus
 * {@code app.kubernetes.io/name=seldon-server}, the pods' also {@code seldon-server-name=<server>}, which alone
 * is the selector; annotations likewise; replicas the Server's (else minReplicas, else 1); the pod spec the
 * Server's over the ServerConfig's ({@link PodSpecMerge}) with the capabilities written into
 * {@code SELDON_SERVER_CAPABILITIES}; the ServerConfig's volume claim templates; the Server as controller owner.
 */
final class ServerStatefulSets {
    static final String SERVER_NAME_LABEL = "seldon-server-name";
    static final String CAPABILITIES_ENV = "SELDON_SERVER_CAPABILITIES";
    /** Labels and annotations that belong to the tool that wrote the Server, not to its pods (as Seldon drops them). */
    private static final Set<String> TOOL_KEYS = Set.of("meta.helm.sh/release-name", "meta.helm.sh/release-namespace",
            "kubectl.kubernetes.io/last-applied-configuration");

    private final PodSpecMerge merge;

    ServerStatefulSets(KubernetesSerialization serialization) {
        this.merge = new PodSpecMerge(serialization);
    }

    StatefulSet of(Server server, ServerConfig config) {
        ServerSpec spec = server.getSpec();
        String name = server.getMetadata().getName();
        Map<String, String> labels = over(config.getMetadata().getLabels(), server.getMetadata().getLabels());
        labels.put("app.kubernetes.io/name", "seldon-server");
        Map<String, String> podLabels = new LinkedHashMap<>(labels);
        podLabels.put(SERVER_NAME_LABEL, name);
        Map<String, String> annotations = over(config.getMetadata().getAnnotations(), server.getMetadata().getAnnotations());

        PodSpec pod = merge.merge(config.getSpec().podSpec(), spec.podSpec());
        writeCapabilities(pod, spec.capabilities(), spec.extraCapabilities());

        return new StatefulSetBuilder()
                .withNewMetadata()
                    .withName(name)
                    .withNamespace(server.getMetadata().getNamespace())
                    .withLabels(labels)
                    .withAnnotations(annotations.isEmpty() ? null : annotations)
                    .withOwnerReferences(new OwnerReferenceBuilder()
                            .withApiVersion(server.getApiVersion()).withKind(server.getKind())
                            .withName(name).withUid(server.getMetadata().getUid())
                            .withController(true).withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withNewSpec()
                    .withServiceName(name)
                    .withPodManagementPolicy("Parallel")
                    .withReplicas(replicas(spec))
                    .withNewSelector().withMatchLabels(Map.of(SERVER_NAME_LABEL, name)).endSelector()
                    .withNewTemplate()
                        .withNewMetadata()
                            .withLabels(podLabels)
                            .withAnnotations(annotations.isEmpty() ? null : annotations)
                        .endMetadata()
                        .withSpec(pod)
                    .endTemplate()
                    .withVolumeClaimTemplates(claims(config.getSpec().volumeClaimTemplates()))
                    .withPersistentVolumeClaimRetentionPolicy(spec.statefulSetPersistentVolumeClaimRetentionPolicy())
                .endSpec()
                .build();
    }

    /** The desired replica count: spec.replicas, else minReplicas, else 1 (Seldon's validated value). */
    static int replicas(ServerSpec spec) {
        if (spec.replicas() != null) {
            return spec.replicas();
        }
        return spec.minReplicas() != null ? spec.minReplicas() : 1;
    }

    /** {@code capabilities} replace the env value wherever a container sets it; else {@code extra} are appended. */
    private static void writeCapabilities(PodSpec pod, List<String> capabilities, List<String> extra) {
        boolean replace = capabilities != null && !capabilities.isEmpty();
        if (!replace && (extra == null || extra.isEmpty()) || pod.getContainers() == null) {
            return;
        }
        for (Container container : pod.getContainers()) {
            if (container.getEnv() == null) {
                continue;
            }
            for (EnvVar env : container.getEnv()) {
                if (env.getName().equals(CAPABILITIES_ENV)) {
                    String base = env.getValue() == null ? "" : env.getValue();
                    env.setValue(replace ? String.join(",", capabilities)
                            : (base.isEmpty() ? "" : base + ",") + String.join(",", extra));
                }
            }
        }
    }

    private static List<PersistentVolumeClaim> claims(List<PersistentVolumeClaimTemplate> templates) {
        if (templates == null) {
            return List.of();
        }
        return templates.stream()
                .map(t -> new PersistentVolumeClaimBuilder().withMetadata(new ObjectMeta()).editMetadata()
                        .withName(t.name()).endMetadata().withSpec(t.spec()).build())
                .toList();
    }

    /** {@code top} over {@code base}, without the tools' keys. */
    private static Map<String, String> over(Map<String, String> base, Map<String, String> top) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (base != null) {
            merged.putAll(base);
        }
        if (top != null) {
            merged.putAll(top);
        }
        merged.keySet().removeAll(TOOL_KEYS);
        return merged;
    }
}
