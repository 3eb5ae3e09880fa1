package io.trantor.operator.internal;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.grpc.StatusRuntimeException;
import io.trantor.operator.crd.Condition;
import io.trantor.operator.crd.Server;
import io.trantor.operator.crd.ServerConfig;
import io.trantor.operator.crd.ServerStatus;
import io.trantor.protocol.control.ControlPlaneGrpc;
import io.trantor.protocol.control.DeleteRequest;
import io.trantor.protocol.control.ResourceStatus;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Servers: each generation becomes the Server's StatefulSet ({@link ServerStatefulSets}, from the ServerConfig
 * of that name in the operator's config namespace, server-side applied) and one headless Service per replica
 * ({@link ServerReplicaServices}), and its manifest goes to
 * {@code ControlPlane.Apply} (which scales the server's replicas); {@code GetStatus} is polled with backoff into
 * {@code .status}. Servers have no finalizer (as Seldon's); when the object is gone the operator asks the control
 * plane to delete the server (Kubernetes' garbage collector removes the StatefulSet it owns).
 */
public final class ServerReconciler extends KindReconciler<Server, ServerStatus> {
    static final String FIELD_MANAGER = "trantor-operator";
    private static final Logger log = LoggerFactory.getLogger(ServerReconciler.class);

    private final String configNamespace;
    private final ServerStatefulSets statefulSets;
    /** Per Server: the generation its StatefulSet was applied for, or (negated) the one whose ServerConfig was missing. */
    private final Map<String, Long> statefulSetGenerations = new HashMap<>();

    /** {@code namespace} null = every namespace; ServerConfigs are read from {@code configNamespace}. */
    public ServerReconciler(KubernetesClient client, String namespace, String configNamespace,
            ControlPlaneGrpc.ControlPlaneBlockingStub control, ScheduledExecutorService executor, Clock clock) {
        super(Server.class, client, namespace, control, executor, clock);
        this.configNamespace = configNamespace;
        this.statefulSets = new ServerStatefulSets(client.getKubernetesSerialization());
    }

    @Override
    Server specOnly(Server server) {
        Server clean = new Server();
        clean.setSpec(server.getSpec());
        return clean;
    }

    @Override
    List<Condition> conditions(ServerStatus status) {
        return status.conditions();
    }

    @Override
    void reconcile(String key, Tracked t, Resource<Server> resource, Server server) {
        if (server.getMetadata().getDeletionTimestamp() != null) {
            forget(key);
            return;
        }
        String name = server.getMetadata().getName();
        applyStatefulSet(key, server);
        try {
            ResourceStatus status = applyAndGetStatus(key, t, server);
            if (status != null) {
                polled(key, t, resource, server, ServerStatuses.of(server.getStatus(), name, status, clock.instant()));
            }
        } catch (StatusRuntimeException e) {
            log.info("Server {}: the control plane answered {}", key, e.getStatus());
            writeStatus(resource, server, ServerStatuses.failed(server.getStatus(), name, describe(e), clock.instant()));
            callFailed(key, t, server, e);
        }
    }

    /** Applies the Server's StatefulSet once per generation; a missing ServerConfig is logged once and looked up again. */
    private void applyStatefulSet(String key, Server server) {
        Long generation = server.getMetadata().getGeneration();
        Long done = statefulSetGenerations.get(key);
        if (generation.equals(done)) {
            return;
        }
        String configName = server.getSpec().serverConfig();
        ServerConfig config = client.resources(ServerConfig.class).inNamespace(configNamespace).withName(configName).get();
        if (config == null) {
            if (!Long.valueOf(-generation).equals(done)) {
                log.info("Server {}: no ServerConfig {} in namespace {}; its StatefulSet waits for it", key, configName,
                        configNamespace);
                statefulSetGenerations.put(key, -generation);
            }
            return;
        }
        String namespace = server.getMetadata().getNamespace();
        StatefulSet desired = statefulSets.of(server, config);
        client.apps().statefulSets().inNamespace(namespace).resource(desired)
                .fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        List<Service> services = ServerReplicaServices.of(desired);
        for (Service service : services) {
            client.services().inNamespace(namespace).resource(service).fieldManager(FIELD_MANAGER).forceConflicts()
                    .serverSideApply();
        }
        // Replicas scaled away: their Services go (counted by label, as Seldon does).
        Set<String> wanted = services.stream().map(s -> s.getMetadata().getName()).collect(Collectors.toSet());
        for (Service existing : client.services().inNamespace(namespace)
                .withLabel(ServerReplicaServices.REPLICA_LABEL, server.getMetadata().getName()).list().getItems()) {
            if (!wanted.contains(existing.getMetadata().getName())) {
                client.services().inNamespace(namespace).withName(existing.getMetadata().getName()).delete();
            }
        }
        statefulSetGenerations.put(key, generation);
        log.info("Server {}: StatefulSet and {} replica Services applied (ServerConfig {}/{})", key,
                desired.getSpec().getReplicas(), configNamespace, configName);
    }

    @Override
    void removed(String namespace, String name) {
        statefulSetGenerations.remove(namespace + "/" + name);
        try {
            control().delete(DeleteRequest.newBuilder().addRefs(ref("Server", namespace, name)).build());
            log.info("Server {}/{}: deleted, scaled to zero", namespace, name);
        } catch (StatusRuntimeException e) {
            log.info("Server {}/{}: Delete failed: {}", namespace, name, e.getStatus());
        }
    }
}
