package io.trantor.operator.internal;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.trantor.operator.crd.Model;
import io.trantor.operator.crd.ModelStatus;
import io.trantor.protocol.control.ApplyRequest;
import io.trantor.protocol.control.ControlPlaneGrpc;
import io.trantor.protocol.control.DeleteRequest;
import io.trantor.protocol.control.ResourceRef;
import io.trantor.protocol.control.ResourceStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the control plane in step with the {@code models.mlops.seldon.io} objects of one namespace (or
 * all): adds Seldon's finalizer, sends each generation's manifest to {@code ControlPlane.Apply}, polls
 * {@code GetStatus} with backoff (reset by every change) and writes {@code .status} when it differs; on
 * deletion calls {@code Delete} and removes the finalizer once the model is gone (or terminated).
 * Every reconcile runs on the one {@code executor} thread, so the per-object state needs no locks.
 */
public final class ModelReconciler implements AutoCloseable {
    public static final String FINALIZER = "seldon.model.finalizer";
    static final Duration MIN_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final long RESYNC_MILLIS = Duration.ofMinutes(5).toMillis();
    /** Seldon removes the finalizer of a deleted model in these states (or when the model is gone). */
    private static final Set<String> GONE_STATES =
            Set.of("ModelTerminated", "ModelTerminateFailed", "ModelFailed", "ModelStateUnknown", "ScheduleFailed");
    private static final Logger log = LoggerFactory.getLogger(ModelReconciler.class);

    private final KubernetesClient client;
    private final String namespace;
    private final ControlPlaneGrpc.ControlPlaneBlockingStub control;
    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final Map<String, Tracked> tracked = new HashMap<>();
    private SharedIndexInformer<Model> informer;

    /** Per object: the generation last applied (or refused), the poll backoff and the next reconcile. */
    private static final class Tracked {
        Long appliedGeneration;
        boolean refused;
        boolean deleteSent;
        long backoffMillis = MIN_BACKOFF.toMillis();
        ScheduledFuture<?> next;
    }

    /** {@code namespace} null = every namespace. */
    public ModelReconciler(KubernetesClient client, String namespace, ControlPlaneGrpc.ControlPlaneBlockingStub control,
            ScheduledExecutorService executor, Clock clock) {
        this.client = client;
        this.namespace = namespace;
        this.control = control;
        this.executor = executor;
        this.clock = clock;
    }

    public void start() {
        var models = client.resources(Model.class);
        Informable<Model> scope = namespace == null ? models.inAnyNamespace() : models.inNamespace(namespace);
        informer = scope.inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Model model) {
                changed(model);
            }

            @Override
            public void onUpdate(Model old, Model model) {
                // Our own status and finalizer writes change neither; the poll goes on at its pace.
                if (!Objects.equals(old.getMetadata().getGeneration(), model.getMetadata().getGeneration())
                        || !Objects.equals(old.getMetadata().getDeletionTimestamp(), model.getMetadata().getDeletionTimestamp())) {
                    changed(model);
                }
            }

            @Override
            public void onDelete(Model model, boolean deletedFinalStateUnknown) {
                changed(model);
            }
        }, RESYNC_MILLIS);
    }

    private void changed(Model model) {
        String key = key(model.getMetadata());
        executor.execute(() -> {
            Tracked t = tracked.computeIfAbsent(key, k -> new Tracked());
            t.backoffMillis = MIN_BACKOFF.toMillis();
            schedule(key, t, 0);
        });
    }

    private void schedule(String key, Tracked t, long delayMillis) {
        if (t.next != null) {
            t.next.cancel(false);
        }
        t.next = executor.schedule(() -> reconcile(key), delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Polls again after the current backoff, then doubles it (up to {@link #MAX_BACKOFF}). */
    private void backOff(String key, Tracked t) {
        schedule(key, t, t.backoffMillis);
        t.backoffMillis = Math.min(t.backoffMillis * 2, MAX_BACKOFF.toMillis());
    }

    private void reconcile(String key) {
        Tracked t = tracked.get(key);
        if (t == null) {
            return;
        }
        String[] parts = key.split("/", 2);
        Resource<Model> resource = client.resources(Model.class).inNamespace(parts[0]).withName(parts[1]);
        Model model = null;
        try {
            model = resource.get();
            if (model == null) {
                tracked.remove(key);
                return;
            }
            if (model.getMetadata().getDeletionTimestamp() != null) {
                deleting(key, t, resource, model);
                return;
            }
            if (!finalizers(model).contains(FINALIZER)) {
                model = resource.edit(m -> {
                    List<String> finalizers = new ArrayList<>(finalizers(m));
                    finalizers.add(FINALIZER);
                    m.getMetadata().setFinalizers(finalizers);
                    return m;
                });
            }
            Long generation = model.getMetadata().getGeneration();
            if (!Objects.equals(t.appliedGeneration, generation)) {
                t.refused = false;
                control().apply(ApplyRequest.newBuilder().setManifest(manifest(model)).setSource(key).build());
                t.appliedGeneration = generation;
                t.backoffMillis = MIN_BACKOFF.toMillis();
            }
            if (t.refused) {
                return;
            }
            ResourceStatus status = control().getStatus(ref(model));
            if (writeStatus(resource, model, ModelStatuses.of(model.getStatus(), status, clock.instant()))) {
                t.backoffMillis = MIN_BACKOFF.toMillis();
            }
            backOff(key, t);
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            if (code == Status.Code.NOT_FOUND && model != null && Objects.equals(t.appliedGeneration, model.getMetadata().getGeneration())) {
                t.appliedGeneration = null; // the control plane forgot it (a restart without specs): apply again
                backOff(key, t);
                return;
            }
            boolean retryable = code != Status.Code.INVALID_ARGUMENT && code != Status.Code.FAILED_PRECONDITION
                    && code != Status.Code.UNIMPLEMENTED;
            String error = e.getStatus().getDescription() == null ? code.toString() : e.getStatus().getDescription();
            log.info("Model {}: the control plane answered {}: {}", key, code, error);
            if (model != null) {
                try {
                    writeStatus(resource, model, ModelStatuses.failed(model.getStatus(), error, retryable, clock.instant()));
                } catch (KubernetesClientException k) {
                    log.info("Model {}: status not written: {}", key, k.getMessage());
                }
                if (!retryable) {
                    t.appliedGeneration = model.getMetadata().getGeneration();
                    t.refused = true;
                    return;
                }
            }
            backOff(key, t);
        } catch (KubernetesClientException e) {
            log.info("Model {}: {}", key, e.getMessage());
            backOff(key, t);
        } catch (RuntimeException e) {
            log.warn("Model {}: reconcile failed", key, e);
            backOff(key, t);
        }
    }

    private void deleting(String key, Tracked t, Resource<Model> resource, Model model) {
        if (!finalizers(model).contains(FINALIZER)) {
            tracked.remove(key);
            return;
        }
        if (!t.deleteSent) {
            try {
                control().delete(DeleteRequest.newBuilder().addRefs(ref(model)).build());
                t.deleteSent = true;
            } catch (StatusRuntimeException e) {
                Status.Code code = e.getStatus().getCode();
                if (code != Status.Code.FAILED_PRECONDITION && code != Status.Code.UNIMPLEMENTED) {
                    throw e;
                }
                log.info("Model {}: Delete refused ({}); removing the finalizer", key, e.getStatus());
                removeFinalizer(resource);
                tracked.remove(key);
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
            removeFinalizer(resource);
            tracked.remove(key);
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

    /** Writes {@code status} through the status subresource unless it is what the object has. */
    private static boolean writeStatus(Resource<Model> resource, Model model, ModelStatus status) {
        if (status.equals(model.getStatus())) {
            return false;
        }
        resource.editStatus(m -> {
            m.setStatus(status);
            return m;
        });
        return true;
    }

    private ControlPlaneGrpc.ControlPlaneBlockingStub control() {
        return control.withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The manifest the CLI would send for this object: apiVersion, kind, name, namespace and spec. */
    String manifest(Model model) {
        Model clean = new Model();
        ObjectMeta metadata = new ObjectMeta();
        metadata.setName(model.getMetadata().getName());
        metadata.setNamespace(model.getMetadata().getNamespace());
        clean.setMetadata(metadata);
        clean.setSpec(model.getSpec());
        return client.getKubernetesSerialization().asJson(clean);
    }

    private static ResourceRef ref(Model model) {
        return ResourceRef.newBuilder().setKind("Model").setNamespace(model.getMetadata().getNamespace())
                .setName(model.getMetadata().getName()).build();
    }

    private static List<String> finalizers(Model model) {
        List<String> finalizers = model.getMetadata().getFinalizers();
        return finalizers == null ? List.of() : finalizers;
    }

    private static String key(ObjectMeta metadata) {
        return metadata.getNamespace() + "/" + metadata.getName();
    }

    /** Stops the informer; the executor and the channel belong to the caller. */
    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
    }
}
