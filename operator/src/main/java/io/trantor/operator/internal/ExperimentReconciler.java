package io.trantor.operator.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.trantor.operator.crd.Condition;
import io.trantor.operator.crd.Experiment;
import io.trantor.operator.crd.ExperimentStatus;
import io.trantor.protocol.control.ControlPlaneGrpc;
import io.trantor.protocol.control.ResourceStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Keeps the control plane in step with the {@code experiments.mlops.seldon.io} objects, with Seldon's
 * finalizer; a deleted experiment's finalizer goes once it is no longer active (its route is gone).
 */
public final class ExperimentReconciler extends FinalizedReconciler<Experiment, ExperimentStatus> {
    public static final String FINALIZER = "seldon.experiment.finalizer";

    /** {@code namespace} null = every namespace. */
    public ExperimentReconciler(KubernetesClient client, String namespace, ControlPlaneGrpc.ControlPlaneBlockingStub control,
            ScheduledExecutorService executor, Clock clock) {
        super(Experiment.class, FINALIZER, client, namespace, control, executor, clock);
    }

    @Override
    Experiment specOnly(Experiment experiment) {
        Experiment clean = new Experiment();
        clean.setSpec(experiment.getSpec());
        return clean;
    }

    @Override
    List<Condition> conditions(ExperimentStatus status) {
        return status.conditions();
    }

    @Override
    ExperimentStatus statusOf(ExperimentStatus current, ResourceStatus status, Instant now) {
        return ExperimentStatuses.of(current, status, now);
    }

    @Override
    ExperimentStatus failed(ExperimentStatus current, String error, boolean retryable, Instant now) {
        return ExperimentStatuses.failed(current, error, retryable, now);
    }

    @Override
    boolean gone(ResourceStatus status) {
        return !ExperimentStatuses.EXPERIMENT_READY.equals(status.getState());
    }
}
