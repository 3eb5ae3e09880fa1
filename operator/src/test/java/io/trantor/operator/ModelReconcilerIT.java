package io.trantor.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.trantor.control.testing.ControlPlaneExtension;
import io.trantor.control.testing.FakeAgent;
import io.trantor.operator.crd.Condition;
import io.trantor.operator.crd.Model;
import io.trantor.operator.internal.ModelReconciler;
import io.trantor.operator.testkit.KubeApiServerExtension;
import io.trantor.operator.testkit.KubeApiServerExtension.Result;
import io.trantor.operator.testkit.RepoPaths;
import io.trantor.protocol.control.ListRequest;
import io.trantor.protocol.control.Register;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator between a real kube-apiserver (with the committed CRDs) and a real control plane (embedded
 * Temporal, the real ModelWorkflow) with one fake Triton replica: Seldon's {@code tfsimple1} sample as a
 * Model object gets Seldon's finalizer, is applied, becomes available, shows {@code ModelReady}/{@code Ready}
 * True (and in {@code kubectl get models}); deleting the object unloads the model before the object goes.
 */
class ModelReconcilerIT {
    private static final String NAMESPACE = "default";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @RegisterExtension
    static final KubeApiServerExtension KAS = new KubeApiServerExtension();

    @RegisterExtension
    final ControlPlaneExtension control = ControlPlaneExtension.create();

    @BeforeAll
    static void applyCrds() throws IOException {
        KAS.applyCommittedCrds();
    }

    private static FakeAgent triton(int controlPort) {
        return FakeAgent.connect(controlPort, Register.newBuilder()
                .setNamespace(NAMESPACE).setServerName("triton").setReplicaIndex(0).setEndpoint("127.0.0.1:19200")
                .addAllCapabilities(List.of("triton", "dali", "fil", "onnx", "openvino", "python", "pytorch", "tensorflow", "tensorrt"))
                .setMemoryBytes(1L << 30).build());
    }

    private static Condition condition(Model model, String type) {
        if (model == null || model.getStatus() == null || model.getStatus().conditions() == null) {
            return null;
        }
        return model.getStatus().conditions().stream().filter(c -> c.type().equals(type)).findFirst().orElse(null);
    }

    @Test
    void sampleModelBecomesReadyAndIsUnloadedBeforeItsObjectGoes() throws Exception {
        KubernetesClient client = KAS.client();
        try (FakeAgent triton = triton(control.port());
                Operator operator = Operator.start(client, NAMESPACE, "127.0.0.1:" + control.port())) {
            await().atMost(DEADLINE).until(() -> control.controlPlane().cluster().view(NAMESPACE).servers().size() == 1);

            Model sample;
            try (InputStream in = Files.newInputStream(RepoPaths.seldonSamples().resolve("models/tfsimple1.yaml"))) {
                sample = client.resources(Model.class).load(in).item();
            }
            Resource<Model> model = client.resources(Model.class).inNamespace(NAMESPACE).resource(sample);
            model.create();

            await().atMost(DEADLINE).untilAsserted(() -> {
                Model m = model.get();
                assertThat(m.getMetadata().getFinalizers()).containsExactly(ModelReconciler.FINALIZER);
                assertThat(m.getStatus()).isNotNull();
                assertThat(m.getStatus().conditions())
                        .extracting(Condition::type, Condition::status, Condition::message)
                        .containsExactly(tuple("ModelReady", "True", "ModelAvailable"), tuple("Ready", "True", null));
                assertThat(m.getStatus().availableReplicas()).isEqualTo(1);
                assertThat(m.getStatus().replicas()).isEqualTo(1);
                assertThat(m.getStatus().selector()).isEqualTo("server=triton");
            });
            Condition ready = condition(model.get(), "ModelReady");
            assertThat(ready.lastTransitionTime()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            assertThat(ready.severity()).isNull();
            assertThat(triton.loaded()).containsExactly("tfsimple1_1");

            Result get = KAS.kubectl("get", "models", "-n", NAMESPACE);
            assertThat(get.exitCode()).as(get.toString()).isZero();
            assertThat(get.stdout().lines().toList()).as(get.toString()).hasSize(2);
            assertThat(get.stdout().lines().skip(1).findFirst().orElseThrow().split("\\s+"))
                    .as(get.toString()).startsWith("tfsimple1", "True", "1");

            model.delete();

            await().atMost(DEADLINE).untilAsserted(() -> {
                assertThat(model.get()).isNull();
                assertThat(control.client().list(ListRequest.newBuilder().setKind("Model").build()).getItemsList())
                        .isEmpty();
            });
            assertThat(triton.loaded()).isEmpty();
        }
    }
}
