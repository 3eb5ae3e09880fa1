package io.trantor.operator.internal;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The headless Service of each replica of a Server's StatefulSet (seldon-operator.md §4): {@code <server>-<i>}
 * with {@code clusterIP: None}, labels {@code seldon-server-replica=<server>} and
 * {@code seldon-server-replica-name=<server>-<i>}, selecting the pod {@code <server>-<i>}, ports http 9000 and grpc
 * 9500 (to the pod's named ports) and agent 9005; owned by the Server as its StatefulSet is.
 */
final class ServerReplicaServices {
    static final String REPLICA_LABEL = "seldon-server-replica";

    private ServerReplicaServices() {
    }

    /** One Service per replica of {@code statefulSet}. */
    static List<Service> of(StatefulSet statefulSet) {
        String server = statefulSet.getMetadata().getName();
        List<OwnerReference> owners = statefulSet.getMetadata().getOwnerReferences();
        List<Service> services = new ArrayList<>();
        for (int i = 0; i < statefulSet.getSpec().getReplicas(); i++) {
            String name = server + "-" + i;
            services.add(new ServiceBuilder()
                    .withNewMetadata()
                        .withName(name)
                        .withNamespace(statefulSet.getMetadata().getNamespace())
                        .withLabels(Map.of(REPLICA_LABEL, server, "seldon-server-replica-name", name))
                        .withOwnerReferences(owners)
                    .endMetadata()
                    .withNewSpec()
                        .withClusterIP("None")
                        .withSelector(Map.of("statefulset.kubernetes.io/pod-name", name))
                        .withPorts(
                                new ServicePortBuilder().withName("http").withPort(9000).withProtocol("TCP")
                                        .withTargetPort(new IntOrString("http")).build(),
                                new ServicePortBuilder().withName("grpc").withPort(9500).withProtocol("TCP")
                                        .withTargetPort(new IntOrString("grpc")).build(),
                                new ServicePortBuilder().withName("agent").withPort(9005).withProtocol("TCP")
                                        .withTargetPort(new IntOrString(9005)).build())
                    .endSpec()
                    .build());
        }
        return services;
    }
}
