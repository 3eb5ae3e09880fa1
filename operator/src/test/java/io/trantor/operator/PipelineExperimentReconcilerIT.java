package io.trantor.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.trantor.control.testing.ControlPlaneExtension;
import io.trantor.kafka.KafkaSettings;
import io.trantor.kafka.broker.EmbeddedKafkaExtension;
import io.trantor.operator.crd.Condition;
import io.trantor.operator.crd.Experiment;
import io.trantor.operator.crd.Pipeline;
import io.trantor.operator.internal.ExperimentReconciler;
import io.trantor.operator.internal.PipelineReconciler;
import io.trantor.operator.testkit.KubeApiServerExtension;
import io.trantor.operator.testkit.KubeApiServerExtension.Result;
import io.trantor.operator.testkit.RepoPaths;
import io.trantor.protocol.control.ApplyRequest;
import io.trantor.protocol.control.ListRequest;
import io.trantor.protocol.control.PipelineAssignment;
import io.trantor.protocol.control.PipelineBatch;
import io.trantor.protocol.control.PipelineServiceGrpc;
import io.trantor.protocol.control.PipelineStateReport;
import io.trantor.protocol.control.WatchPipelinesRequest;
import io.trantor.workflows.activity.ModelRoute;
import io.trantor.workflows.activity.ReplicaTarget;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seldon's Pipeline and Experiment samples as objects in a real kube-apiserver, reconciled against a real
 * control plane (embedded Temporal and Kafka): Seldon's finalizers, the conditions Seldon's operator writes
 * (and {@code kubectl get} shows), and deletion that takes the resource out of the control plane first.
 */
class PipelineExperimentReconcilerIT {
    private static final String NAMESPACE = "default";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @RegisterExtension
    static final KubeApiServerExtension KAS = new KubeApiServerExtension();

    @RegisterExtension
    @Order(1)
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @RegisterExtension
    @Order(2)
    final ControlPlaneExtension control =
            ControlPlaneExtension.create().withKafka(() -> KafkaSettings.plaintext(KAFKA.bootstrapServers()));

    private ManagedChannel gatewayChannel;

    @BeforeAll
    static void applyCrds() throws IOException {
        KAS.applyCommittedCrds();
    }

    @AfterEach
    void closeGateway() {
        if (gatewayChannel != null) {
            gatewayChannel.shutdownNow();
        }
    }

    private static <T extends io.fabric8.kubernetes.client.CustomResource<?, ?>> T sample(KubernetesClient client, Class<T> type,
            String path) throws IOException {
        try (InputStream in = Files.newInputStream(RepoPaths.seldonSamples().resolve(path))) {
            return client.resources(type).load(in).item();
        }
    }

    private static List<Condition> conditions(Pipeline p) {
        return p == null || p.getStatus() == null || p.getStatus().conditions() == null ? List.of() : p.getStatus().conditions();
    }

    private static List<Condition> conditions(Experiment e) {
        return e == null || e.getStatus() == null || e.getStatus().conditions() == null ? List.of() : e.getStatus().conditions();
    }

    /** A gateway's side of the pipeline stream: every assignment it is sent. */
    private LinkedBlockingQueue<PipelineAssignment> watchAsGateway(String gateway) {
        gatewayChannel = ManagedChannelBuilder.forAddress("127.0.0.1", control.port()).usePlaintext().build();
        LinkedBlockingQueue<PipelineAssignment> assignments = new LinkedBlockingQueue<>();
        PipelineServiceGrpc.newStub(gatewayChannel).watchPipelines(
                WatchPipelinesRequest.newBuilder().setGateway(gateway).build(), new StreamObserver<>() {
                    @Override public void onNext(PipelineBatch batch) { assignments.addAll(batch.getAssignmentsList()); }
                    @Override public void onError(Throwable t) {}
                    @Override public void onCompleted() {}
                });
        return assignments;
    }

    @Test
    void aSamplePipelineIsReadyOnceAGatewayRunsItAndItsModelsAreAvailableAndGoesFirstOnDelete() throws Exception {
        KubernetesClient client = KAS.client();
        LinkedBlockingQueue<PipelineAssignment> assignments = watchAsGateway("gw-1");
        try (Operator operator = Operator.start(client, NAMESPACE, "127.0.0.1:" + control.port())) {
            Resource<Pipeline> pipeline = client.resources(Pipeline.class).inNamespace(NAMESPACE)
                    .resource(sample(client, Pipeline.class, "pipelines/tfsimples.yaml"));
            pipeline.create();

            PipelineAssignment assignment = assignments.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertThat(assignment).as("the pipeline reaches the gateway").isNotNull();
            await().atMost(DEADLINE).untilAsserted(() -> {
                Pipeline p = pipeline.get();
                assertThat(p.getMetadata().getFinalizers()).containsExactly(PipelineReconciler.FINALIZER);
                assertThat(conditions(p)).extracting(Condition::type, Condition::status, Condition::message)
                        .contains(tuple("ModelsReady", "False", "Some models are not available"));
                // Seldon's message: <gateway reason> | <dataflow reason>, with "Empty reason" for an empty part.
                assertThat(conditions(p)).filteredOn(c -> c.type().equals("PipelineReady")).singleElement()
                        .satisfies(c -> assertThat(c.message()).startsWith("Empty reason | ").contains("no gateway running the topology"));
                assertThat(conditions(p)).extracting(Condition::type, Condition::status).contains(tuple("Ready", "False"));
            });

            PipelineServiceGrpc.newBlockingStub(gatewayChannel).reportPipelineState(PipelineStateReport.newBuilder()
                    .setGateway("gw-1").setNamespace(NAMESPACE).setName("tfsimples").setVersion(assignment.getVersion())
                    .setUid(assignment.getUid()).setState("Ready").build());
            for (String model : List.of("tfsimple1", "tfsimple2")) {
                control.controlPlane().routes().publish(new ModelRoute(NAMESPACE, model, 1,
                        List.of(new ReplicaTarget("triton", 0, "127.0.0.1:1"))));
            }

            await().atMost(DEADLINE).untilAsserted(() -> assertThat(conditions(pipeline.get()))
                    .extracting(Condition::type, Condition::status, Condition::reason)
                    .containsExactly(tuple("ModelsReady", "True", null), tuple("PipelineGwReady", "True", "PipelineReady"),
                            tuple("PipelineReady", "True", "PipelineReady"), tuple("Ready", "True", null)));
            Result get = KAS.kubectl("get", "pipelines", "-n", NAMESPACE);
            assertThat(get.exitCode()).as(get.toString()).isZero();
            assertThat(get.stdout().lines().skip(1).findFirst().orElseThrow().split("\\s+"))
                    .as(get.toString()).startsWith("tfsimples", "True");

            pipeline.delete();

            await().atMost(DEADLINE).untilAsserted(() -> {
                assertThat(pipeline.get()).isNull();
                assertThat(control.client().list(ListRequest.newBuilder().setKind("Pipeline").build()).getItemsList()).isEmpty();
            });
        }
    }

    @Test
    void aSampleExperimentIsActiveWithSeldonsReasonsAndItsRouteGoesBeforeItsObject() throws Exception {
        KubernetesClient client = KAS.client();
        for (String model : List.of("iris", "iris2")) {
            control.client().apply(ApplyRequest.newBuilder().setSource(model).setManifest("""
                    apiVersion: mlops.seldon.io/v1alpha1
                    kind: Model
                    metadata:
                      name: %s
                    spec:
                      storageUri: gs://seldon-models/mlserver/iris
                      requirements: [sklearn]
                    """.formatted(model)).build());
        }
        try (Operator operator = Operator.start(client, NAMESPACE, "127.0.0.1:" + control.port())) {
            Resource<Experiment> experiment = client.resources(Experiment.class).inNamespace(NAMESPACE)
                    .resource(sample(client, Experiment.class, "experiments/ab-default-model.yaml"));
            experiment.create();

            await().atMost(DEADLINE).untilAsserted(() -> {
                Experiment e = experiment.get();
                assertThat(e.getMetadata().getFinalizers()).containsExactly(ExperimentReconciler.FINALIZER);
                assertThat(conditions(e)).extracting(Condition::type, Condition::status, Condition::reason)
                        .containsExactly(tuple("CandidatesReady", "True", "Candidates ready"),
                                tuple("ExperimentReady", "True", "experiment active"),
                                tuple("MirrorReady", "True", "Mirror ready"), tuple("Ready", "True", null));
            });
            assertThat(control.controlPlane().routes().experiment(NAMESPACE, "experiment-sample")).isPresent();

            experiment.delete();

            await().atMost(DEADLINE).untilAsserted(() -> {
                assertThat(experiment.get()).isNull();
                assertThat(control.controlPlane().routes().experiments()).isEmpty();
            });
        }
    }
}
