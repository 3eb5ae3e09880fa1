package io.trantor.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.trantor.control.testing.ControlPlaneExtension;
import io.trantor.operator.crd.Server;
import io.trantor.operator.crd.ServerConfig;
import io.trantor.operator.testkit.KubeApiServerExtension;
import io.trantor.operator.testkit.KubeApiServerExtension.Result;
import io.trantor.operator.testkit.RepoPaths;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Server -> StatefulSet through the operator and a real kube-apiserver (seldon-operator.md §4): Seldon's
 * {@code custom-mlserver-capabilities} sample over our ServerConfig {@code mlserver} (in the operator's config
 * namespace) becomes a StatefulSet with Seldon's name, labels, selector, replicas, merged pod template (the
 * Server's image for the {@code mlserver} container, its capabilities in the agent's env) and the ServerConfig's
 * volume claim templates; an env var the Server sets again appears once with its value; {@code kubectl scale
 * server} drives the StatefulSet's replicas and the per-replica headless Services (made and removed). No kubelet runs, so the StatefulSet is checked as an object.
 */
class ServerStatefulSetIT {
    private static final String NAMESPACE = "default";
    private static final String CONFIG_NAMESPACE = "seldon-mesh";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @RegisterExtension
    static final KubeApiServerExtension KAS = new KubeApiServerExtension();

    @RegisterExtension
    final ControlPlaneExtension control = ControlPlaneExtension.create();

    @BeforeAll
    static void crdsAndServerConfig() throws IOException {
        KAS.applyCommittedCrds();
        KubernetesClient client = KAS.client();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(CONFIG_NAMESPACE).endMetadata().build())
                .create();
        try (InputStream in = Files.newInputStream(RepoPaths.ourManifests().resolve("serverconfig-mlserver.yaml"))) {
            client.resources(ServerConfig.class).inNamespace(CONFIG_NAMESPACE).load(in).create();
        }
    }

    @Test
    void aServerBecomesItsStatefulSetAndScaleDrivesIt() throws Exception {
        KubernetesClient client = KAS.client();
        try (Operator operator = Operator.start(client, NAMESPACE, "127.0.0.1:" + control.port(), CONFIG_NAMESPACE)) {
            create(Files.readString(RepoPaths.seldonSamples().resolve("servers/custom-mlserver-capabilities.yaml")));

            StatefulSet sts = await().atMost(DEADLINE).until(
                    () -> client.apps().statefulSets().inNamespace(NAMESPACE).withName("mlserver-134").get(), s -> s != null);
            assertThat(sts.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "seldon-server");
            assertThat(sts.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
                assertThat(owner.getKind() + "/" + owner.getName()).isEqualTo("Server/mlserver-134");
                assertThat(owner.getController()).isTrue();
            });
            assertThat(sts.getSpec().getServiceName()).isEqualTo("mlserver-134");
            assertThat(sts.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
            assertThat(sts.getSpec().getReplicas()).isEqualTo(1);
            assertThat(sts.getSpec().getSelector().getMatchLabels()).containsExactlyEntriesOf(
                    Map.of("seldon-server-name", "mlserver-134"));
            assertThat(sts.getSpec().getTemplate().getMetadata().getLabels())
                    .containsEntry("seldon-server-name", "mlserver-134").containsEntry("app.kubernetes.io/name", "seldon-server");
            assertThat(sts.getSpec().getVolumeClaimTemplates()).extracting(PersistentVolumeClaim::getMetadata)
                    .extracting(m -> m.getName()).containsExactly("mlserver-models");

            List<Container> containers = sts.getSpec().getTemplate().getSpec().getContainers();
            assertThat(containers).extracting(Container::getName).containsExactly("rclone", "agent", "mlserver");
            Container mlserver = containers.get(2);
            assertThat(mlserver.getImage()).as("the Server's image").isEqualTo("seldonio/mlserver:1.3.4");
            assertThat(mlserver.getEnv()).as("the ServerConfig's env, kept").extracting(EnvVar::getName)
                    .containsExactly("MLSERVER_MODELS_DIR", "MLSERVER_LOAD_MODELS_AT_STARTUP");
            assertThat(mlserver.getResources().getRequests()).containsKey("memory");
            assertThat(env(containers.get(1), "SELDON_SERVER_CAPABILITIES")).as("capabilities replace the ServerConfig's")
                    .containsExactly("mlserver-1.3.4");
            assertThat(sts.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("seldon-server");

            Result scale = KAS.kubectl("scale", "server/mlserver-134", "--replicas", "3", "-n", NAMESPACE);
            assertThat(scale.exitCode()).as(scale.toString()).isZero();
            await().atMost(DEADLINE).untilAsserted(() -> {
                assertThat(client.apps().statefulSets().inNamespace(NAMESPACE).withName("mlserver-134").get().getSpec()
                        .getReplicas()).isEqualTo(3);
                assertThat(replicaServices("mlserver-134")).containsExactly("mlserver-134-0", "mlserver-134-1", "mlserver-134-2");
            });
            Service replica = client.services().inNamespace(NAMESPACE).withName("mlserver-134-2").get();
            assertThat(replica.getSpec().getClusterIP()).isEqualTo("None");
            assertThat(replica.getSpec().getSelector()).containsExactlyEntriesOf(
                    Map.of("statefulset.kubernetes.io/pod-name", "mlserver-134-2"));
            assertThat(replica.getSpec().getPorts()).extracting(p -> p.getName() + ":" + p.getPort())
                    .containsExactly("http:9000", "grpc:9500", "agent:9005");
            assertThat(replica.getMetadata().getOwnerReferences()).extracting(o -> o.getName()).containsExactly("mlserver-134");

            Result down = KAS.kubectl("scale", "server/mlserver-134", "--replicas", "1", "-n", NAMESPACE);
            assertThat(down.exitCode()).as(down.toString()).isZero();
            await().atMost(DEADLINE).untilAsserted(
                    () -> assertThat(replicaServices("mlserver-134")).as("scaled away: gone").containsExactly("mlserver-134-0"));

            // Our own Server: an env var set again replaces the ServerConfig's (Seldon would list it twice);
            // extraCapabilities are appended to the ServerConfig's.
            create("""
                    apiVersion: mlops.seldon.io/v1alpha1
                    kind: Server
                    metadata:
                      name: mlserver-env
                      labels: {team: a}
                    spec:
                      serverConfig: mlserver
                      extraCapabilities: [extra]
                      podSpec:
                        containers:
                        - name: agent
                          env:
                          - {name: SELDON_OVERCOMMIT_PERCENTAGE, value: "50"}
                    """);
            StatefulSet env = await().atMost(DEADLINE).until(
                    () -> client.apps().statefulSets().inNamespace(NAMESPACE).withName("mlserver-env").get(), s -> s != null);
            Container agent = env.getSpec().getTemplate().getSpec().getContainers().get(1);
            assertThat(agent.getName()).isEqualTo("agent");
            assertThat(env(agent, "SELDON_OVERCOMMIT_PERCENTAGE")).containsExactly("50");
            assertThat(env(agent, "SELDON_SERVER_CAPABILITIES")).singleElement().asString().endsWith(",xgboost,extra");
            assertThat(agent.getImage()).isEqualTo("seldonio/seldon-agent:latest");
            assertThat(env.getMetadata().getLabels()).containsEntry("team", "a");
            assertThat(env.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("team", "a");
        }
    }

    private static List<String> replicaServices(String server) {
        return KAS.client().services().inNamespace(NAMESPACE).withLabel("seldon-server-replica", server).list().getItems()
                .stream().map(s -> s.getMetadata().getName()).sorted().toList();
    }

    private static List<String> env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).toList();
    }

    private static void create(String yaml) {
        Server server = KAS.client().resources(Server.class)
                .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).item();
        KAS.client().resources(Server.class).inNamespace(NAMESPACE).resource(server).create();
    }
}
