package io.trantor.operator.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.trantor.operator.crd.Condition;
import io.trantor.operator.crd.Pipeline;
import io.trantor.operator.crd.PipelineStatus;
import io.trantor.protocol.control.ControlPlaneGrpc;
import io.trantor.protocol.control.ResourceStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Keeps the control plane in step with the {@code pipelines.mlops.seldon.io} objects, with Seldon's
 * finalizer; a deleted pipeline's finalizer goes once the control plane no longer runs it
 * (neither creating, ready nor terminating).
 */
public final class PipelineReconciler extends FinalizedReconciler<Pipeline, PipelineStatus> {
    public static final String FINALIZER = "seldon.pipeline.finalizer";

    /** {@code namespace} null = every namespace. */
    public PipelineReconciler(KubernetesClient client, String namespace, ControlPlaneGrpc.ControlPlaneBlockingStub control,
            ScheduledExecutorService executor, Clock clock) {
        super(Pipeline.class, FINALIZER, client, namespace, control, executor, clock);
    }

    @Override
    Pipeline specOnly(Pipeline pipeline) {
        Pipeline clean = new Pipeline();
        clean.setSpec(pipeline.getSpec());
        return clean;
    }

    @Override
    List<Condition> conditions(PipelineStatus status) {
        return status.conditions();
    }

    @Override
    PipelineStatus statusOf(PipelineStatus current, ResourceStatus status, Instant now) {
        return PipelineStatuses.of(current, status, now);
    }

    @Override
    PipelineStatus failed(PipelineStatus current, String error, boolean retryable, Instant now) {
        return PipelineStatuses.failed(current, error, retryable, now);
    }

    @Override
    boolean gone(ResourceStatus status) {
        return "PipelineTerminated".equals(status.getState()) || "PipelineStateUnknown".equals(status.getState());
    }
}
