package io.trantor.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.trantor.control.testing.ControlPlaneExtension;
import io.trantor.operator.crd.Condition;
import io.trantor.operator.crd.Model;
import io.trantor.operator.crd.Server;
import io.trantor.operator.crd.ServerConfig;
import io.trantor.operator.testkit.Helm;
import io.trantor.operator.testkit.KubeApiServerExtension;
import io.trantor.operator.testkit.KubeApiServerExtension.Result;
import io.trantor.operator.testkit.RepoPaths;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The charts of {@code deploy/helm} with the real helm ({@code bin/helm-tool build}) and a real kube-apiserver
 * (RBAC authorization on): each lints and renders the values it is given; installed in Seldon's order (crds,
 * setup, runtime, servers) they create the operator, the control plane and the gateway with their Services,
 * RBAC and the two Servers; the operator's ServiceAccount may do what the operator does and nothing more, and
 * the operator itself, run as that ServiceAccount, makes a Server's StatefulSet and replica Service from the ServerConfig in its own
 * namespace and reconciles the chart's Servers and a Model. No kubelet runs,
 * so no pod starts: the Deployments are checked as objects.
 */
class HelmChartsIT {
    private static final String OPERATOR_NAMESPACE = "trantor-system";
    private static final String NAMESPACE = "ns";
    private static final String SERVICE_ACCOUNT = "system:serviceaccount:" + OPERATOR_NAMESPACE + ":trantor-operator";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @RegisterExtension
    static final KubeApiServerExtension KAS = new KubeApiServerExtension();

    @RegisterExtension
    final ControlPlaneExtension control = ControlPlaneExtension.create();

    private static Helm helm;

    @BeforeAll
    static void helm() {
        helm = Helm.of(KAS);
    }

    @Test
    void everyChartLintsAndRendersTheValuesItIsGiven() {
        for (String chart : List.of("trantor-crds", "trantor-setup", "trantor-runtime", "trantor-servers")) {
            Result lint = helm.run("lint", "--strict", Helm.chart(chart));
            assertThat(lint.exitCode()).as(chart + ": " + lint).isZero();
            assertThat(lint.stdout()).as(chart).contains("1 chart(s) linted, 0 chart(s) failed");
        }

        Map<String, HasMetadata> runtime = template("trantor-runtime", NAMESPACE, "--set", "kafka.bootstrap=kafka-0.kafka:9092",
                "--set", "temporal.address=temporal.temporal:7233", "--set", "kafka.topicPrefix=acme",
                "--set", "security.kafka.protocol=SASL_SSL", "--set", "security.kafka.sasl.client.secret=kafka-user",
                "--set", "image.registry=registry.example", "--set", "image.tag=1.2.3", "--set", "gateway.replicas=3");
        assertThat(runtime).containsOnlyKeys("Deployment/trantor-control", "Deployment/trantor-gateway",
                "Service/seldon-scheduler", "Service/seldon-mesh");
        Container controlPlane = container(runtime.get("Deployment/trantor-control"));
        assertThat(controlPlane.getImage()).isEqualTo("registry.example/trantor/trantor:1.2.3");
        assertThat(String.join(" ", controlPlane.getArgs()))
                // In a cluster the control plane listens beyond loopback; the mesh (or NetworkPolicy) authenticates.
                .startsWith("control --host 0.0.0.0 --allow-unauthenticated --port 9004 --temporal temporal.temporal:7233 --temporal-namespace default")
                .contains("--kafka kafka-0.kafka:9092 --kafka-topic-prefix acme")
                .contains("--kafka-security-protocol SASL_SSL --kafka-sasl-mechanism SCRAM-SHA-512 --kafka-sasl-username seldon");
        assertThat(controlPlane.getEnv()).extracting(EnvVar::getName).contains("TRANTOR_KAFKA_SASL_PASSWORD");
        Container gateway = container(runtime.get("Deployment/trantor-gateway"));
        assertThat(String.join(" ", gateway.getArgs()))
                .startsWith("gateway --host 0.0.0.0 --port 9000 --control seldon-scheduler.ns:9004 --kafka kafka-0.kafka:9092");
        assertThat(((Deployment) runtime.get("Deployment/trantor-gateway")).getSpec().getReplicas()).isEqualTo(3);

        // The Prometheus Operator's PodMonitor for the gateway's /metrics only when asked for (it needs that operator's CRDs).
        assertThat(template("trantor-runtime", NAMESPACE, "--set", "metrics.podMonitor.enabled=true"))
                .containsKey("PodMonitor/trantor-gateway");

        // Without Kafka: no Kafka flag at all (the gateway then serves models and experiments only).
        Container noKafka = container(template("trantor-runtime", NAMESPACE, "--set", "kafka.bootstrap=")
                .get("Deployment/trantor-control"));
        assertThat(noKafka.getArgs()).noneMatch(arg -> arg.startsWith("--kafka"));

        Map<String, HasMetadata> clusterwide = template("trantor-setup", OPERATOR_NAMESPACE, "--set", "controller.clusterwide=true",
                "--set", "controller.controlPlane=seldon-scheduler.ns:9004");
        assertThat(clusterwide).containsKey("ClusterRoleBinding/trantor-operator-" + OPERATOR_NAMESPACE)
                .doesNotContainKey("RoleBinding/trantor-operator");
        assertThat(container(clusterwide.get("Deployment/trantor-operator")).getArgs())
                .containsExactly("operator", "--control", "seldon-scheduler.ns:9004", "--all-namespaces", "--leader-elect");

        Result twoNamespaces = helm.run("template", "trantor", Helm.chart("trantor-setup"), "--set",
                "controller.watchNamespaces=a\\,b");
        assertThat(twoNamespaces.exitCode()).as(twoNamespaces.toString()).isNotZero();
        assertThat(twoNamespaces.stderr()).contains("controller.watchNamespaces: Trantor's operator watches one namespace");

        Map<String, HasMetadata> servers = template("trantor-servers", NAMESPACE, "--set", "mlserver.replicas=2");
        assertThat(servers).containsOnlyKeys("Server/mlserver", "Server/triton");
    }

    @Test
    void theChartsInstallInSeldonsOrderAndTheOperatorRunsWithTheRightsTheyGrant() throws Exception {
        KubernetesClient admin = KAS.client();
        install("trantor-crds", "trantor-crds", "default");
        Result established = KAS.kubectl("wait", "--for", "condition=established", "--timeout=60s", "crd", "--all");
        assertThat(established.exitCode()).as(established.toString()).isZero();
        assertThat(established.stdout().lines()).hasSize(7);
        // The commands install into an existing ns (no --create-namespace); the operator's RoleBinding goes there.
        Result namespace = KAS.kubectl("create", "namespace", NAMESPACE);
        assertThat(namespace.exitCode()).as(namespace.toString()).isZero();
        install("trantor", "trantor-setup", OPERATOR_NAMESPACE, "--create-namespace",
                "--set", "controller.watchNamespaces=" + NAMESPACE);
        install("trantor-runtime", "trantor-runtime", NAMESPACE,
                "--set", "kafka.bootstrap=my-kafka-bootstrap.kafka:9092", "--set", "temporal.address=temporal-frontend.temporal:7233");
        install("trantor-servers", "trantor-servers", NAMESPACE);

        // The operator: its Deployment, ServiceAccount, ClusterRole and (not clusterwide) a RoleBinding in ns.
        Deployment operatorDeployment = admin.apps().deployments().inNamespace(OPERATOR_NAMESPACE).withName("trantor-operator").get();
        assertThat(operatorDeployment).isNotNull();
        assertThat(operatorDeployment.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("trantor-operator");
        assertThat(container(operatorDeployment).getArgs())
                .containsExactly("operator", "--control", "seldon-scheduler.ns:9004", "--namespace", NAMESPACE, "--leader-elect");
        assertThat(admin.serviceAccounts().inNamespace(OPERATOR_NAMESPACE).withName("trantor-operator").get()).isNotNull();
        ClusterRole role = admin.rbac().clusterRoles().withName("trantor-operator").get();
        assertThat(role).isNotNull();
        RoleBinding binding = admin.rbac().roleBindings().inNamespace(NAMESPACE).withName("trantor-operator").get();
        assertThat(binding.getRoleRef().getName()).isEqualTo("trantor-operator");
        assertThat(binding.getSubjects()).singleElement()
                .satisfies(s -> assertThat(s.getNamespace() + "/" + s.getName()).isEqualTo(OPERATOR_NAMESPACE + "/trantor-operator"));
        assertThat(admin.rbac().clusterRoleBindings().list().getItems()).extracting(ClusterRoleBinding::getMetadata)
                .noneMatch(m -> m.getName().startsWith("trantor-operator"));

        // The runtime: control plane and gateway with the values given, behind Seldon's Service names.
        Deployment controlPlane = admin.apps().deployments().inNamespace(NAMESPACE).withName("trantor-control").get();
        assertThat(String.join(" ", container(controlPlane).getArgs()))
                .contains("--temporal temporal-frontend.temporal:7233", "--kafka my-kafka-bootstrap.kafka:9092");
        Deployment gateway = admin.apps().deployments().inNamespace(NAMESPACE).withName("trantor-gateway").get();
        assertThat(String.join(" ", container(gateway).getArgs()))
                .contains("--control seldon-scheduler.ns:9004", "--kafka my-kafka-bootstrap.kafka:9092");
        Service scheduler = admin.services().inNamespace(NAMESPACE).withName("seldon-scheduler").get();
        assertThat(scheduler.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(scheduler.getSpec().getSelector()).containsEntry("app.kubernetes.io/name", "trantor-control");
        assertThat(scheduler.getSpec().getPorts()).extracting(ServicePort::getPort).containsExactly(9004);
        Service mesh = admin.services().inNamespace(NAMESPACE).withName("seldon-mesh").get();
        assertThat(mesh.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(mesh.getSpec().getSelector()).containsEntry("app.kubernetes.io/name", "trantor-gateway");
        assertThat(mesh.getSpec().getPorts()).extracting(p -> p.getPort() + "->" + p.getTargetPort().getStrVal())
                .containsExactly("80->http");

        // The servers: Seldon's two, as its servers chart makes them.
        assertThat(admin.resources(Server.class).inNamespace(NAMESPACE).list().getItems())
                .extracting(s -> s.getMetadata().getName() + ":" + s.getSpec().serverConfig() + ":" + s.getSpec().replicas())
                .containsExactlyInAnyOrder("mlserver:mlserver:1", "triton:triton:1");

        // The ServiceAccount may do what the operator does, in the watched namespace only, and no more.
        for (String allowed : List.of("list models.mlops.seldon.io", "watch servers.mlops.seldon.io", "get models.mlops.seldon.io",
                "patch models.mlops.seldon.io", "patch models.mlops.seldon.io --subresource=status",
                "patch servers.mlops.seldon.io --subresource=status", "update models.mlops.seldon.io --subresource=finalizers",
                "list pipelines.mlops.seldon.io", "patch experiments.mlops.seldon.io --subresource=status",
                "create statefulsets.apps", "delete services", "create events", "create leases.coordination.k8s.io")) {
            assertThat(canI(allowed, NAMESPACE)).as(allowed + " in " + NAMESPACE).isTrue();
        }
        for (String denied : List.of("create models.mlops.seldon.io", "delete models.mlops.seldon.io", "update models.mlops.seldon.io",
                "get secrets", "create pods", "create deployments.apps", "delete customresourcedefinitions.apiextensions.k8s.io")) {
            assertThat(canI(denied, NAMESPACE)).as(denied + " in " + NAMESPACE).isFalse();
        }
        assertThat(canI("list models.mlops.seldon.io", "default")).as("list models in another namespace").isFalse();
        assertThat(canI("get serverconfigs.mlops.seldon.io", OPERATOR_NAMESPACE)).as("ServerConfigs in its own namespace").isTrue();

        // The operator, as that ServiceAccount, reads the ServerConfig in its own namespace (POD_NAMESPACE in the
        // pod), makes the mlserver Server's StatefulSet, reconciles the chart's Servers and adds a Model's finalizer.
        try (InputStream in = Files.newInputStream(RepoPaths.ourManifests().resolve("serverconfig-mlserver.yaml"))) {
            admin.resources(ServerConfig.class).inNamespace(OPERATOR_NAMESPACE).load(in).create();
        }
        try (KubernetesClient asOperator = clientAs(SERVICE_ACCOUNT, "system:serviceaccounts",
                "system:serviceaccounts:" + OPERATOR_NAMESPACE);
                Operator operator = Operator.start(asOperator, NAMESPACE, "127.0.0.1:" + control.port(), OPERATOR_NAMESPACE)) {
            await().atMost(DEADLINE).untilAsserted(() -> {
                assertThat(admin.apps().statefulSets().inNamespace(NAMESPACE).withName("mlserver").get()).isNotNull();
                assertThat(admin.services().inNamespace(NAMESPACE).withName("mlserver-0").get()).isNotNull();
            });
            for (String name : List.of("mlserver", "triton")) {
                Resource<Server> server = admin.resources(Server.class).inNamespace(NAMESPACE).withName(name);
                await().atMost(DEADLINE).untilAsserted(() -> {
                    assertThat(server.get().getStatus()).as(name).isNotNull();
                    assertThat(server.get().getStatus().conditions()).extracting(Condition::type, Condition::status)
                            .contains(tuple("Ready", "False"));
                    assertThat(server.get().getStatus().selector()).isEqualTo("seldon-server-name=" + name);
                });
            }
            Model iris;
            try (InputStream in = Files.newInputStream(RepoPaths.seldonSamples().resolve("models/sklearn-iris-gs.yaml"))) {
                iris = admin.resources(Model.class).load(in).item();
            }
            Resource<Model> model = admin.resources(Model.class).inNamespace(NAMESPACE).resource(iris);
            model.create();
            await().atMost(DEADLINE).untilAsserted(() -> {
                assertThat(model.get().getMetadata().getFinalizers()).containsExactly("seldon.model.finalizer");
                assertThat(model.get().getStatus()).isNotNull();
            });
            Result servers = KAS.kubectl("get", "servers", "-n", NAMESPACE);
            assertThat(servers.stdout()).as(servers.toString()).contains("mlserver").contains("triton");
        }

        Result list = helm.run("list", "--all-namespaces", "-q");
        assertThat(list.stdout().lines().sorted().toList()).as(list.toString())
                .containsExactly("trantor", "trantor-crds", "trantor-runtime", "trantor-servers");
    }

    /** {@code helm install RELEASE deploy/helm/CHART --namespace NS FLAGS}, which must succeed. */
    private static void install(String release, String chart, String namespace, String... flags) {
        List<String> args = new ArrayList<>(List.of("install", release, Helm.chart(chart), "--namespace", namespace));
        args.addAll(List.of(flags));
        Result result = helm.run(args.toArray(String[]::new));
        assertThat(result.exitCode()).as("helm " + String.join(" ", args) + "\n" + result).isZero();
    }

    /** {@code helm template} of a chart, as Kind/name to object. */
    private static Map<String, HasMetadata> template(String chart, String namespace, String... flags) {
        String[] args = new String[5 + flags.length];
        args[0] = "template";
        args[1] = "t";
        args[2] = Helm.chart(chart);
        args[3] = "--namespace";
        args[4] = namespace;
        System.arraycopy(flags, 0, args, 5, flags.length);
        Result result = helm.run(args);
        assertThat(result.exitCode()).as(chart + ": " + result).isZero();
        List<HasMetadata> objects = KAS.client().load(new ByteArrayInputStream(result.stdout().getBytes(StandardCharsets.UTF_8))).items();
        return objects.stream().collect(Collectors.toMap(o -> o.getKind() + "/" + o.getMetadata().getName(), o -> o));
    }

    private static Container container(HasMetadata deployment) {
        return ((Deployment) deployment).getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    /** {@code kubectl auth can-i VERB RESOURCE [--subresource=S] -n NS --as <the operator's ServiceAccount>}. */
    private static boolean canI(String verbAndResource, String namespace) {
        List<String> args = new ArrayList<>(List.of("auth", "can-i"));
        args.addAll(List.of(verbAndResource.split(" ")));
        args.addAll(List.of("-n", namespace, "--as", SERVICE_ACCOUNT, "--as-group", "system:serviceaccounts"));
        Result result = KAS.kubectl(args.toArray(String[]::new));
        assertThat(result.stdout().strip()).as(result.toString()).isIn("yes", "no");
        return result.stdout().strip().equals("yes");
    }

    /** A client that impersonates {@code user} (the admin's certificate may impersonate anyone). */
    private static KubernetesClient clientAs(String user, String... groups) throws Exception {
        Config config = new ConfigBuilder(Config.fromKubeconfig(Files.readString(KAS.kubeconfig())))
                .withImpersonateUsername(user).withImpersonateGroups(groups).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
