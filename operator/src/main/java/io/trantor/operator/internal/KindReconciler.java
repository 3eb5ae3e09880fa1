package io.trantor.operator.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.trantor.protocol.control.ApplyRequest;
import io.trantor.protocol.control.ControlPlaneGrpc;
import io.trantor.protocol.control.ResourceRef;
import io.trantor.protocol.control.ResourceStatus;
import java.time.Clock;
import java.time.Duration;
import io.trantor.operator.crd.Condition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every kind's reconciler shares: an informer on the kind in one namespace (or all) whose creations,
 * generation bumps, deletion marks and removals schedule a reconcile of that object; the polls with
 * backoff (100 ms doubling to 5 s, reset by {@link #changed}); the control-plane stub with a deadline per
 * call; the manifest the CLI would send. Every reconcile runs on the one {@code executor} thread, so the
 * per-object state needs no locks.
 */
abstract class KindReconciler<T extends CustomResource<?, S>, S> implements AutoCloseable {
    static final Duration MIN_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final long RESYNC_MILLIS = Duration.ofMinutes(5).toMillis();
    private static final Logger log = LoggerFactory.getLogger(KindReconciler.class);

    final KubernetesClient client;
    final Clock clock;
    private final Class<T> type;
    private final String namespace;
    private final ControlPlaneGrpc.ControlPlaneBlockingStub control;
    private final ScheduledExecutorService executor;
    private final Map<String, Tracked> tracked = new HashMap<>();
    private SharedIndexInformer<T> informer;

    /** Per object: the generation last applied (or refused), the poll backoff and the next reconcile. */
    static final class Tracked {
        Long appliedGeneration;
        boolean refused;
        boolean deleteSent;
        long backoffMillis = MIN_BACKOFF.toMillis();
        ScheduledFuture<?> next;
    }

    KindReconciler(Class<T> type, KubernetesClient client, String namespace,
            ControlPlaneGrpc.ControlPlaneBlockingStub control, ScheduledExecutorService executor, Clock clock) {
        this.type = type;
        this.client = client;
        this.namespace = namespace;
        this.control = control;
        this.executor = executor;
        this.clock = clock;
    }

    /**
     * One reconcile of a live or deleting object; schedules the next one ({@link #backOff}) unless the
     * object needs none. Control-plane errors that escape are logged and retried with backoff.
     */
    abstract void reconcile(String key, Tracked t, Resource<T> resource, T object);

    /** A new object of the kind with only the spec of {@code object} (the rest of the manifest comes from it). */
    abstract T specOnly(T object);

    /** The conditions of a status this reconciler wrote, for the log line of that decision. */
    abstract List<Condition> conditions(S status);

    /** The object is gone from the API server. */
    void removed(String namespace, String name) {
    }

    public void start() {
        var objects = client.resources(type);
        Informable<T> scope = namespace == null ? objects.inAnyNamespace() : objects.inNamespace(namespace);
        informer = scope.inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                changed(object);
            }

            @Override
            public void onUpdate(T old, T object) {
                // Our own status and finalizer writes change neither; the poll goes on at its pace.
                if (!Objects.equals(old.getMetadata().getGeneration(), object.getMetadata().getGeneration())
                        || !Objects.equals(old.getMetadata().getDeletionTimestamp(), object.getMetadata().getDeletionTimestamp())) {
                    changed(object);
                }
            }

            @Override
            public void onDelete(T object, boolean deletedFinalStateUnknown) {
                changed(object);
            }
        }, RESYNC_MILLIS);
    }

    private void changed(T object) {
        String key = key(object.getMetadata());
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

    /** Reconciles again after the current backoff, then doubles it (up to {@link #MAX_BACKOFF}). */
    final void backOff(String key, Tracked t) {
        schedule(key, t, t.backoffMillis);
        t.backoffMillis = Math.min(t.backoffMillis * 2, MAX_BACKOFF.toMillis());
    }

    /** Forgets the object until its next event. */
    final void forget(String key) {
        tracked.remove(key);
    }

    private void reconcile(String key) {
        Tracked t = tracked.get(key);
        if (t == null) {
            return;
        }
        String[] parts = key.split("/", 2);
        Resource<T> resource = client.resources(type).inNamespace(parts[0]).withName(parts[1]);
        try {
            T object = resource.get();
            if (object == null) {
                forget(key);
                removed(parts[0], parts[1]);
                return;
            }
            reconcile(key, t, resource, object);
        } catch (StatusRuntimeException e) {
            log.info("{} {}: the control plane answered {}", type.getSimpleName(), key, e.getStatus());
            backOff(key, t);
        } catch (KubernetesClientException e) {
            log.info("{} {}: {}", type.getSimpleName(), key, e.getMessage());
            backOff(key, t);
        } catch (RuntimeException e) {
            log.warn("{} {}: reconcile failed", type.getSimpleName(), key, e);
            backOff(key, t);
        }
    }

    final ControlPlaneGrpc.ControlPlaneBlockingStub control() {
        return control.withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Sends the object's generation to {@code Apply} unless it was sent (or refused), then returns the
     * control plane's status of it; null while that generation stays refused. Throws the control plane's errors.
     */
    final ResourceStatus applyAndGetStatus(String key, Tracked t, T object) {
        Long generation = object.getMetadata().getGeneration();
        if (!Objects.equals(t.appliedGeneration, generation)) {
            t.refused = false;
            control().apply(ApplyRequest.newBuilder().setManifest(manifest(object)).setSource(key).build());
            log.info("{} {}: generation {} applied", type.getSimpleName(), key, generation);
            t.appliedGeneration = generation;
            t.backoffMillis = MIN_BACKOFF.toMillis();
        }
        return t.refused ? null : control().getStatus(ref(object));
    }

    /** Writes {@code status} if it changed (then polls again soon), else polls again after the backoff. */
    final void polled(String key, Tracked t, Resource<T> resource, T object, S status) {
        if (writeStatus(resource, object, status)) {
            t.backoffMillis = MIN_BACKOFF.toMillis();
        }
        backOff(key, t);
    }

    /**
     * Writes {@code status} through the status subresource unless it is what the object has; true if written.
     * Each write is one log line naming the conditions written: the operator's log shows what it decided per object.
     */
    final boolean writeStatus(Resource<T> resource, T object, S status) {
        if (status.equals(object.getStatus())) {
            return false;
        }
        resource.editStatus(o -> {
            o.setStatus(status);
            return o;
        });
        log.info("{} {}/{}: status {}", type.getSimpleName(), object.getMetadata().getNamespace(),
                object.getMetadata().getName(), summary(conditions(status)));
        return true;
    }

    private static String summary(List<Condition> conditions) {
        if (conditions == null || conditions.isEmpty()) {
            return "without conditions";
        }
        StringBuilder line = new StringBuilder();
        for (Condition c : conditions) {
            line.append(line.isEmpty() ? "" : ", ").append(c.type()).append('=').append(c.status());
            if (c.reason() != null && !c.reason().isBlank()) {
                line.append(" (").append(c.reason()).append(')');
            }
        }
        return line.toString();
    }

    /** After a failed call: retry with backoff, or, when the control plane refused, wait for a new generation. */
    final void callFailed(String key, Tracked t, T object, StatusRuntimeException e) {
        if (retryable(e)) {
            backOff(key, t);
        } else {
            t.appliedGeneration = object.getMetadata().getGeneration();
            t.refused = true;
        }
    }

    /** The manifest the CLI would send for this object: apiVersion, kind, name, namespace and spec. */
    final String manifest(T object) {
        T clean = specOnly(object);
        ObjectMeta metadata = new ObjectMeta();
        metadata.setName(object.getMetadata().getName());
        metadata.setNamespace(object.getMetadata().getNamespace());
        clean.setMetadata(metadata);
        return client.getKubernetesSerialization().asJson(clean);
    }

    static ResourceRef ref(HasMetadata object) {
        return ref(object.getKind(), object.getMetadata().getNamespace(), object.getMetadata().getName());
    }

    static ResourceRef ref(String kind, String namespace, String name) {
        return ResourceRef.newBuilder().setKind(kind).setNamespace(namespace).setName(name).build();
    }

    /** FAILED_PRECONDITION, UNIMPLEMENTED (Seldon's) and INVALID_ARGUMENT (a refused manifest) are final. */
    static boolean retryable(StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        return code != Status.Code.INVALID_ARGUMENT && code != Status.Code.FAILED_PRECONDITION
                && code != Status.Code.UNIMPLEMENTED;
    }

    static String describe(StatusRuntimeException e) {
        return e.getStatus().getDescription() == null ? e.getStatus().getCode().toString() : e.getStatus().getDescription();
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
