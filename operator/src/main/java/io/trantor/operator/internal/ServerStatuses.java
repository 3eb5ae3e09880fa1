package io.trantor.operator.internal;

import io.trantor.operator.crd.ServerStatus;
import io.trantor.protocol.control.ResourceStatus;
import io.trantor.protocol.control.ServerReplicaStatus;
import io.trantor.protocol.control.ServerStatusDetail;
import java.time.Instant;
import java.util.List;

/**
 * A Server's {@code .status} as Seldon's operator writes it (seldon-operator.md §1, §4), from the control
 * plane's view of the server: the connected, not draining replicas stand for the StatefulSet's ready ones.
 */
public final class ServerStatuses {
    public static final String WORKLOAD_READY = "StatefulSetOrDeploymentReady";
    /** Server's set: {@code StatefulSetOrDeploymentReady} under {@code Ready}. */
    public static final ConditionSet SERVER = new ConditionSet(List.of(WORKLOAD_READY));

    private ServerStatuses() {
    }

    /**
     * {@code StatefulSetOrDeploymentReady} True when the ready replicas reach the desired count (Seldon's
     * reasons, empty message); {@code replicas} = desired, {@code loadedModels} = the model replicas the
     * server's replicas hold, {@code selector} = {@code seldon-server-name=<server>}.
     */
    public static ServerStatus of(ServerStatus current, String name, ResourceStatus status, Instant now) {
        ConditionSet.Conditions conditions = SERVER.manage(current == null ? null : current.conditions(), now);
        ServerStatusDetail detail = status.getServer();
        if (detail.getReadyReplicas() >= detail.getDesiredReplicas()) {
            conditions.markTrue(WORKLOAD_READY, "StatefulSet replicas matches desired replicas", "");
        } else {
            conditions.markFalse(WORKLOAD_READY, "StatefulSet replicas does not match desired replicas", "");
        }
        int loaded = detail.getReplicasList().stream().mapToInt(ServerReplicaStatus::getLoadedModelsCount).sum();
        return new ServerStatus(current == null ? null : current.observedGeneration(), conditions.list(),
                current == null ? null : current.annotations(), loaded, detail.getDesiredReplicas(),
                "seldon-server-name=" + name);
    }

    /** A failed call to the control plane: {@code StatefulSetOrDeploymentReady} False, reason = the error. */
    public static ServerStatus failed(ServerStatus current, String name, String error, Instant now) {
        ConditionSet.Conditions conditions = SERVER.manage(current == null ? null : current.conditions(), now);
        conditions.markFalse(WORKLOAD_READY, error, "");
        return new ServerStatus(current == null ? null : current.observedGeneration(), conditions.list(),
                current == null ? null : current.annotations(),
                current == null || current.loadedModels() == null ? 0 : current.loadedModels(),
                current == null || current.replicas() == null ? 0 : current.replicas(),
                "seldon-server-name=" + name);
    }
}
