package io.trantor.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.trantor.control.testing.ControlPlaneExtension;
import io.trantor.control.testing.FakeAgent;
import io.trantor.operator.crd.Condition;
import io.trantor.operator.crd.Server;
import io.trantor.operator.testkit.KubeApiServerExtension;
import io.trantor.operator.testkit.KubeApiServerExtension.Result;
import io.trantor.operator.testkit.RepoPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Servers through the operator, a real kube-apiserver and a real control plane: Seldon's {@code mlserver1}
 * sample is applied (the control plane asks for one replica), stays not Ready until a (fake) replica
 * registers, then shows Seldon's conditions and columns; deleting the object scales the server to zero.
 */
class ServerReconcilerIT {
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

    @Test
    void sampleServerIsReadyOnceItsReplicaRegistersAndIsScaledToZeroWhenDeleted() throws Exception {
        KubernetesClient client = KAS.client();
        try (Operator operator = Operator.start(client, NAMESPACE, "127.0.0.1:" + control.port())) {
            Server sample;
            try (InputStream in = Files.newInputStream(RepoPaths.seldonSamples().resolve("servers/mlserver1.yaml"))) {
                sample = client.resources(Server.class).load(in).item();
            }
            Resource<Server> server = client.resources(Server.class).inNamespace(NAMESPACE).resource(sample);
            server.create();

            await().atMost(DEADLINE).untilAsserted(() -> {
                Server s = server.get();
                assertThat(s.getStatus()).isNotNull();
                assertThat(s.getStatus().conditions())
                        .extracting(Condition::type, Condition::status, Condition::reason)
                        .containsExactly(
                                tuple("Ready", "False", "StatefulSet replicas does not match desired replicas"),
                                tuple("StatefulSetOrDeploymentReady", "False", "StatefulSet replicas does not match desired replicas"));
                assertThat(s.getStatus().replicas()).isEqualTo(1);
                assertThat(s.getStatus().loadedModels()).isZero();
                assertThat(s.getStatus().selector()).isEqualTo("seldon-server-name=mlserver1");
            });
            assertThat(control.scaled()).extracting(s -> s.name(), s -> s.spec().replicas()).containsExactly(tuple("mlserver1", 1));

            try (FakeAgent replica = FakeAgent.connect(control.port(), "mlserver1", 0)) {
                await().atMost(DEADLINE).untilAsserted(() -> assertThat(server.get().getStatus().conditions())
                        .extracting(Condition::type, Condition::status, Condition::reason)
                        .containsExactly(
                                tuple("Ready", "True", null),
                                tuple("StatefulSetOrDeploymentReady", "True", "StatefulSet replicas matches desired replicas")));

                Result get = KAS.kubectl("get", "servers", "-n", NAMESPACE);
                assertThat(get.exitCode()).as(get.toString()).isZero();
                assertThat(get.stdout().lines().skip(1).findFirst().orElseThrow().split("\\s+"))
                        .as(get.toString()).startsWith("mlserver1", "True", "1", "0");

                server.delete();
                await().atMost(DEADLINE).untilAsserted(() -> {
                    assertThat(server.get()).isNull();
                    assertThat(control.scaled()).last().extracting(s -> s.name(), s -> s.spec().replicas())
                            .containsExactly("mlserver1", 0);
                });
            }
        }
    }
}
