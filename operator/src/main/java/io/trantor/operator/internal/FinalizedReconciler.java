package io.trantor.operator.internal;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.trantor.protocol.control.ControlPlaneGrpc;
import io.trantor.protocol.control.DeleteRequest;
import io.trantor.protocol.control.ResourceStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life Seldon's operator gives Models, Pipelines and Experiments (seldon-operator.md §2): add the
 * kind's finalizer, send each generation's manifest to {@code ControlPlane.Apply}, poll
 * {@code GetStatus} with backoff and write {@code .status} when it differs; on deletion call
 * {@code Delete} and remove the finalizer once the control plane no longer holds the resource. A kind
 * says only how its status reads and when a deleted resource is gone.
 */
abstract class FinalizedReconciler<T extends CustomResource<?, S>, S> extends KindReconciler<T, S> {
    private static final Logger log = LoggerFactory.getLogger(FinalizedReconciler.class);

    private final String kind;
    private final String finalizer;

    FinalizedReconciler(Class<T> type, String finalizer, KubernetesClient client, String namespace,
            ControlPlaneGrpc.ControlPlaneBlockingStub control, ScheduledExecutorService executor, Clock clock) {
        super(type, client, namespace, control, executor, clock);
        this.kind = type.getSimpleName();
        this.finalizer = finalizer;
    }

    /** The object's status for the control plane's {@code status} (other fields of {@code current} kept). */
    abstract S statusOf(S current, ResourceStatus status, Instant now);

    /** The object's status after a refused or failed call: not ready, retrying or not. */
    abstract S failed(S current, String error, boolean retryable, Instant now);

    /** Whether a deleted resource in {@code status} no longer needs its finalizer. */
    abstract boolean gone(ResourceStatus status);

    @Override
    final void reconcile(String key, Tracked t, Resource<T> resource, T object) {
        if (object.getMetadata().getDeletionTimestamp() != null) {
            deleting(key, t, resource, object);
            return;
        }
        try {
            if (!finalizers(object).contains(finalizer)) {
                object = resource.edit(o -> {
                    List<String> finalizers = new ArrayList<>(finalizers(o));
                    finalizers.add(finalizer);
                    o.getMetadata().setFinalizers(finalizers);
                    return o;
                });
                log.info("{} {}: finalizer {} added", kind, key, finalizer);
            }
            ResourceStatus status = applyAndGetStatus(key, t, object);
            if (status != null) {
                polled(key, t, resource, object, statusOf(object.getStatus(), status, clock.instant()));
            }
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND
                    && Objects.equals(t.appliedGeneration, object.getMetadata().getGeneration())) {
                t.appliedGeneration = null; // the control plane forgot it (a restart without specs): apply again
                backOff(key, t);
                return;
            }
            log.info("{} {}: the control plane answered {}", kind, key, e.getStatus());
            writeStatus(resource, object, failed(object.getStatus(), describe(e), retryable(e), clock.instant()));
            callFailed(key, t, object, e);
        }
    }

    private void deleting(String key, Tracked t, Resource<T> resource, T object) {
        if (!finalizers(object).contains(finalizer)) {
            forget(key);
            return;
        }
        if (!t.deleteSent) {
            try {
                control().delete(DeleteRequest.newBuilder().addRefs(ref(object)).build());
                log.info("{} {}: deleted, waiting until the control plane lets it go before the finalizer goes", kind, key);
                t.deleteSent = true;
            } catch (StatusRuntimeException e) {
                if (retryable(e)) {
                    throw e;
                }
                log.info("{} {}: Delete refused ({}); removing the finalizer", kind, key, e.getStatus());
                removeFinalizer(resource);
                forget(key);
                return;
            }
        }
        boolean gone;
        try {
            ResourceStatus status = control().getStatus(ref(object));
            gone = gone(status);
            if (!gone) {
                writeStatus(resource, object, statusOf(object.getStatus(), status, clock.instant()));
            }
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
                throw e;
            }
            gone = true;
        }
        if (gone) {
            log.info("{} {}: gone from the control plane, finalizer removed", kind, key);
            removeFinalizer(resource);
            forget(key);
        } else {
            backOff(key, t);
        }
    }

    private void removeFinalizer(Resource<T> resource) {
        resource.edit(o -> {
            List<String> finalizers = new ArrayList<>(finalizers(o));
            finalizers.remove(finalizer);
            o.getMetadata().setFinalizers(finalizers);
            return o;
        });
    }

    private static List<String> finalizers(CustomResource<?, ?> object) {
        List<String> finalizers = object.getMetadata().getFinalizers();
        return finalizers == null ? List.of() : finalizers;
    }
}
