package io.trantor.operator.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.grpc.StatusRuntimeException;
import io.trantor.operator.crd.Condition;
import io.trantor.operator.crd.Server;
import io.trantor.operator.crd.ServerStatus;
import io.trantor.protocol.control.ControlPlaneGrpc;
import io.trantor.protocol.control.DeleteRequest;
import io.trantor.protocol.control.ResourceStatus;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Servers: each generation's manifest goes to {@code ControlPlane.Apply} (which scales the server's
 * replicas), {@code GetStatus} is polled with backoff into {@code .status}. Servers have no finalizer
 * (as Seldon's); when the object is gone the operator asks the control plane to delete the server.
 */
public final class ServerReconciler extends KindReconciler<Server, ServerStatus> {
    private static final Logger log = LoggerFactory.getLogger(ServerReconciler.class);

    /** {@code namespace} null = every namespace. */
    public ServerReconciler(KubernetesClient client, String namespace, ControlPlaneGrpc.ControlPlaneBlockingStub control,
            ScheduledExecutorService executor, Clock clock) {
        super(Server.class, client, namespace, control, executor, clock);
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

    @Override
    void removed(String namespace, String name) {
        try {
            control().delete(DeleteRequest.newBuilder().addRefs(ref("Server", namespace, name)).build());
            log.info("Server {}/{}: deleted, scaled to zero", namespace, name);
        } catch (StatusRuntimeException e) {
            log.info("Server {}/{}: Delete failed: {}", namespace, name, e.getStatus());
        }
    }
}
