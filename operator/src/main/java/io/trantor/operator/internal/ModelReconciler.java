package io.trantor.operator.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.trantor.operator.crd.Condition;
import io.trantor.operator.crd.Model;
import io.trantor.operator.crd.ModelStatus;
import io.trantor.protocol.control.ControlPlaneGrpc;
import io.trantor.protocol.control.ResourceStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Keeps the control plane in step with the {@code models.mlops.seldon.io} objects of one namespace (or
 * all), with Seldon's finalizer; on deletion the model is unloaded before its object goes.
 */
public final class ModelReconciler extends FinalizedReconciler<Model, ModelStatus> {
    public static final String FINALIZER = "seldon.model.finalizer";
    /** Seldon removes the finalizer of a deleted model in these states (or when the model is gone). */
    private static final Set<String> GONE_STATES =
            Set.of("ModelTerminated", "ModelTerminateFailed", "ModelFailed", "ModelStateUnknown", "ScheduleFailed");

    /** {@code namespace} null = every namespace. */
    public ModelReconciler(KubernetesClient client, String namespace, ControlPlaneGrpc.ControlPlaneBlockingStub control,
            ScheduledExecutorService executor, Clock clock) {
        super(Model.class, FINALIZER, client, namespace, control, executor, clock);
    }

    @Override
    Model specOnly(Model model) {
        Model clean = new Model();
        clean.setSpec(model.getSpec());
        return clean;
    }

    @Override
    List<Condition> conditions(ModelStatus status) {
        return status.conditions();
    }

    @Override
    ModelStatus statusOf(ModelStatus current, ResourceStatus status, Instant now) {
        return ModelStatuses.of(current, status, now);
    }

    @Override
    ModelStatus failed(ModelStatus current, String error, boolean retryable, Instant now) {
        return ModelStatuses.failed(current, error, retryable, now);
    }

    @Override
    boolean gone(ResourceStatus status) {
        return GONE_STATES.contains(status.getState());
    }
}
