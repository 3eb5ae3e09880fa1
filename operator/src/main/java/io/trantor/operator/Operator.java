package io.trantor.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.ManagedChannel;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.trantor.operator.internal.ExperimentReconciler;
import io.trantor.operator.internal.ModelReconciler;
import io.trantor.operator.internal.PipelineReconciler;
import io.trantor.operator.internal.ServerReconciler;
import io.trantor.protocol.control.ControlPlaneGrpc;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The operator: reconciles {@code mlops.seldon.io} objects against Trantor's control plane: Models
 * ({@link ModelReconciler}), Pipelines ({@link PipelineReconciler}), Experiments
 * ({@link ExperimentReconciler}) and Servers ({@link ServerReconciler}). Owns the informers, the one reconcile thread and the gRPC channel
 * (plaintext); not the Kubernetes client.
 *
 * <pre>{@code
 * try (Operator operator = Operator.start(client, "seldon-mesh", "127.0.0.1:9004")) { ... }
 * }</pre>
 */
public final class Operator implements AutoCloseable {
    /** Where Seldon's operator looks for ServerConfigs when its own namespace is not known ({@code POD_NAMESPACE}). */
    public static final String DEFAULT_CONFIG_NAMESPACE = "seldon-mesh";

    private final ManagedChannel channel;
    private final ScheduledExecutorService executor;
    private final ModelReconciler models;
    private final PipelineReconciler pipelines;
    private final ExperimentReconciler experiments;
    private final ServerReconciler servers;

    private Operator(ManagedChannel channel, ScheduledExecutorService executor, ModelReconciler models,
            PipelineReconciler pipelines, ExperimentReconciler experiments, ServerReconciler servers) {
        this.channel = channel;
        this.executor = executor;
        this.models = models;
        this.pipelines = pipelines;
        this.experiments = experiments;
        this.servers = servers;
    }

    /**
     * Starts watching {@code namespace} (null = every namespace) and talking to the control plane at
     * {@code controlTarget} ({@code host:port}); ServerConfigs are read from the watched namespace (every
     * namespace: Seldon's {@link #DEFAULT_CONFIG_NAMESPACE}).
     */
    public static Operator start(KubernetesClient client, String namespace, String controlTarget) {
        return start(client, namespace, controlTarget, namespace == null ? DEFAULT_CONFIG_NAMESPACE : namespace);
    }

    /** As {@link #start(KubernetesClient, String, String)}, reading ServerConfigs from {@code configNamespace}. */
    public static Operator start(KubernetesClient client, String namespace, String controlTarget, String configNamespace) {
        return start(client, namespace, controlTarget, configNamespace, InsecureChannelCredentials.create(), Optional.empty());
    }

    /**
     * As {@link #start(KubernetesClient, String, String, String)}, reaching the control plane with
     * {@code credentials} (TLS, a client certificate) and, when present, its bearer {@code token}.
     */
    public static Operator start(KubernetesClient client, String namespace, String controlTarget, String configNamespace,
            ChannelCredentials credentials, Optional<String> token) {
        ManagedChannel channel = Grpc.newChannelBuilder(controlTarget, credentials).build();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "trantor-operator-reconcile");
            thread.setDaemon(true);
            return thread;
        });
        ControlPlaneGrpc.ControlPlaneBlockingStub plain = ControlPlaneGrpc.newBlockingStub(channel);
        ControlPlaneGrpc.ControlPlaneBlockingStub control = token.map(t -> {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + t);
            return plain.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        }).orElse(plain);
        ModelReconciler models = new ModelReconciler(client, namespace, control, executor, Clock.systemUTC());
        PipelineReconciler pipelines = new PipelineReconciler(client, namespace, control, executor, Clock.systemUTC());
        ExperimentReconciler experiments = new ExperimentReconciler(client, namespace, control, executor, Clock.systemUTC());
        ServerReconciler servers = new ServerReconciler(client, namespace, configNamespace, control, executor, Clock.systemUTC());
        Operator operator = new Operator(channel, executor, models, pipelines, experiments, servers);
        try {
            models.start();
            pipelines.start();
            experiments.start();
            servers.start();
        } catch (RuntimeException e) {
            operator.close();
            throw e;
        }
        return operator;
    }

    @Override
    public void close() {
        models.close();
        pipelines.close();
        experiments.close();
        servers.close();
        executor.shutdownNow();
        channel.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
