package io.trantor.operator.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.trantor.operator.crd.Condition;
import io.trantor.operator.crd.Model;
import io.trantor.operator.crd.ModelStatus;
import io.trantor.protocol.control.ControlPlaneGrpc;
import io.trantor.protocol.control.DeleteRequest;
import io.trantor.protocol.control.ResourceStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the control plane in step with the {@code models.mlops.seldon.io} objects of one namespace (or
 * all): adds Seldon's finalizer, sends each generation's manifest to {@code ControlPlane.Apply}, polls
 * {@code GetStatus} with backoff and writes {@code .status} when it differs; on deletion calls
 * {@code Delete} and removes the finalizer once the model is gone (or terminated).
 */
public final class ModelReconciler extends KindReconciler<Model, ModelStatus> {
    public static final String FINALIZER = "seldon.model.finalizer";
    /** Seldon removes the finalizer of a deleted model in these states (or when the model is gone). */
    private static final Set<String> GONE_STATES =
            Set.of("ModelTerminated", "ModelTerminateFailed", "ModelFailed", "ModelStateUnknown", "ScheduleFailed");
    private static final Logger log = LoggerFactory.getLogger(ModelReconciler.class);

    /** {@code namespace} null = every namespace. */
    public ModelReconciler(KubernetesClient client, String namespace, ControlPlaneGrpc.ControlPlaneBlockingStub control,
            ScheduledExecutorService executor, Clock clock) {
        super(Model.class, client, namespace, control, executor, clock);
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
    void reconcile(String key, Tracked t, Resource<Model> resource, Model model) {
        if (model.getMetadata().getDeletionTimestamp() != null) {
            deleting(key, t, resource, model);
            return;
        }
        try {
            if (!finalizers(model).contains(FINALIZER)) {
                model = resource.edit(m -> {
                    List<String> finalizers = new ArrayList<>(finalizers(m));
                    finalizers.add(FINALIZER);
                    m.getMetadata().setFinalizers(finalizers);
                    return m;
                });
                log.info("Model {}: finalizer {} added", key, FINALIZER);
            }
            ResourceStatus status = applyAndGetStatus(key, t, model);
            if (status != null) {
                polled(key, t, resource, model, ModelStatuses.of(model.getStatus(), status, clock.instant()));
            }
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND
                    && Objects.equals(t.appliedGeneration, model.getMetadata().getGeneration())) {
                t.appliedGeneration = null; // the control plane forgot it (a restart without specs): apply again
                backOff(key, t);
                return;
            }
            log.info("Model {}: the control plane answered {}", key, e.getStatus());
            writeStatus(resource, model, ModelStatuses.failed(model.getStatus(), describe(e), retryable(e), clock.instant()));
            callFailed(key, t, model, e);
        }
    }

    private void deleting(String key, Tracked t, Resource<Model> resource, Model model) {
        if (!finalizers(model).contains(FINALIZER)) {
            forget(key);
            return;
        }
        if (!t.deleteSent) {
            try {
                control().delete(DeleteRequest.newBuilder().addRefs(ref(model)).build());
                log.info("Model {}: deleted, unloading before the finalizer goes", key);
                t.deleteSent = true;
            } catch (StatusRuntimeException e) {
                if (retryable(e)) {
                    throw e;
                }
                log.info("Model {}: Delete refused ({}); removing the finalizer", key, e.getStatus());
                removeFinalizer(resource);
                forget(key);
                return;
            }
        }
        boolean gone;
        try {
            ResourceStatus status = control().getStatus(ref(model));
            gone = GONE_STATES.contains(status.getState());
            if (!gone) {
                writeStatus(resource, model, ModelStatuses.of(model.getStatus(), status, clock.instant()));
            }
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
                throw e;
            }
            gone = true;
        }
        if (gone) {
            log.info("Model {}: gone from the control plane, finalizer removed", key);
            removeFinalizer(resource);
            forget(key);
        } else {
            backOff(key, t);
        }
    }

    private static void removeFinalizer(Resource<Model> resource) {
        resource.edit(m -> {
            List<String> finalizers = new ArrayList<>(finalizers(m));
            finalizers.remove(FINALIZER);
            m.getMetadata().setFinalizers(finalizers);
            return m;
        });
    }

    private static List<String> finalizers(Model model) {
        List<String> finalizers = model.getMetadata().getFinalizers();
        return finalizers == null ? List.of() : finalizers;
    }
}
