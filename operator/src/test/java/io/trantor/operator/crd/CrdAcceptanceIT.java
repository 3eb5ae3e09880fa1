package io.trantor.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.trantor.operator.testkit.KubeApiServerExtension;
import io.trantor.operator.testkit.KubeApiServerExtension.Result;
import io.trantor.operator.testkit.RepoPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The committed CRDs ({@code deploy/helm/trantor-crds/templates}) on a real kube-apiserver: they
 * become Established; Seldon's sample manifests ({@code ../shared/seldon-samples}) are accepted with
 * strict field validation (as {@code kubectl apply} does by default), and the {@code error-*} ones
 * are rejected exactly where Seldon's schema rejects them; printer columns, the status and scale
 * subresources and {@code kubectl explain} behave as Seldon's.
 */
class CrdAcceptanceIT {
    private static final String NAMESPACE = "default";
    /** The samples' dry runs go here, so that objects the other tests create do not clash with them. */
    private static final String SAMPLES_NAMESPACE = "samples";
    private static final String INVALID_NAME = "metadata.name: Invalid value";

    @RegisterExtension
    static final KubeApiServerExtension KAS = new KubeApiServerExtension();

    /**
     * The {@code error-*} samples that Seldon's schema rejects, with a part of the API server's message.
     * The others ({@code error-no-uri}: an empty storageUri is a string; {@code error-uri-notexist},
     * {@code error-bad-capabilities}, {@code pipelines/error-step-name}) are schema-valid: Seldon's
     * scheduler rejects them, so they must be accepted here. Five samples have names with {@code _},
     * which Kubernetes refuses for every object (RFC 1123), Seldon's too: they are for Seldon's CLI.
     */
    private static final Map<String, String> REJECTED = Map.of(
            "models/id1_node.yaml", INVALID_NAME,
            "models/id2_node.yaml", INVALID_NAME,
            "models/join_node.yaml", INVALID_NAME,
            "pipelines/triggers_join_inputs.yaml", INVALID_NAME,
            "pipelines/triggers_join_internal.yaml", INVALID_NAME,
            "models/error-bad-spec.yaml", "unknown field \"spec.storagUri\"",
            "experiments/error-bad-spec.yaml", "unknown field \"spec.candidate\"",
            "pipelines/error-bad-spec.yaml", "unknown field \"spec.steps[1].input\"",
            "pipelines/error-empty-input.yaml", "spec.steps[1].inputs[0]",
            "pipelines/error-empty-trigger.yaml", "spec.steps[2].triggers[0]");

    @BeforeAll
    static void applyCrds() throws IOException {
        KubernetesClient client = KAS.client();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(SAMPLES_NAMESPACE)
                .endMetadata().build()).create();
        List<Path> files = RepoPaths.yamlFiles(RepoPaths.crdTemplates());
        assertThat(files).hasSize(SeldonCrds.KINDS.size());
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
                client.resource(crd).create();
            }
        }
        for (Path file : files) {
            String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
            client.apiextensions().v1().customResourceDefinitions().withName(name).waitUntilCondition(
                    crd -> crd != null && crd.getStatus() != null && crd.getStatus().getConditions().stream()
                            .anyMatch(c -> c.getType().equals("Established") && c.getStatus().equals("True")),
                    60, TimeUnit.SECONDS);
        }
    }

    @Test
    void everySampleIsAcceptedAndTheErrorSamplesAreRejectedWhereSeldonsSchemaRejectsThem() throws IOException {
        Path samples = RepoPaths.seldonSamples();
        List<Path> files = RepoPaths.yamlFiles(samples);
        assertThat(files).as("sample manifests under %s", samples).hasSizeGreaterThan(100);

        Map<String, String> outcomes = new LinkedHashMap<>();
        List<String> kinds = new ArrayList<>();
        for (Path file : files) {
            String name = samples.relativize(file).toString();
            GenericKubernetesResource resource = KAS.client().getKubernetesSerialization()
                    .unmarshal(Files.readString(file), GenericKubernetesResource.class);
            kinds.add(resource.getKind());
            outcomes.put(name, dryRunCreate(resource));
        }

        assertThat(kinds).containsOnly("Model", "Pipeline", "Experiment", "Server");
        Map<String, String> unexpected = new LinkedHashMap<>();
        outcomes.forEach((name, outcome) -> {
            String expected = REJECTED.get(name);
            if (expected == null ? outcome != null : outcome == null || !outcome.contains(expected)) {
                unexpected.put(name, outcome == null ? "accepted, expected a rejection naming " + expected : outcome);
            }
        });
        assertThat(unexpected).as("samples whose outcome differs from Seldon's schema").isEmpty();
    }

    /**
     * Seldon's samples hold no ServerConfig, SeldonConfig or SeldonRuntime, and use few of the Server
     * and Model fields: our own manifests ({@code src/test/resources/manifests}) cover them. Each is
     * created for real, and read back with its spec unchanged (nothing pruned).
     */
    @Test
    void ourManifestsOfEveryKindAreStoredAsWritten() throws IOException {
        List<String> kinds = new ArrayList<>();
        for (Path file : RepoPaths.yamlFiles(RepoPaths.ourManifests())) {
            GenericKubernetesResource resource = KAS.client().getKubernetesSerialization()
                    .unmarshal(Files.readString(file), GenericKubernetesResource.class);
            kinds.add(resource.getKind());
            GenericKubernetesResource stored = KAS.client().genericKubernetesResources(context(plural(resource.getKind())))
                    .inNamespace(NAMESPACE).resource(resource).fieldValidation(Validation.STRICT).create();
            assertThat(stored.getAdditionalProperties().get("spec")).as(file.toString())
                    .isNotNull().isEqualTo(resource.getAdditionalProperties().get("spec"));
        }
        assertThat(kinds).contains("ServerConfig", "SeldonConfig", "SeldonRuntime", "Server", "Model");
    }

    @Test
    void aServerConfigOrSeldonConfigPodSpecNeedsContainersAServerPodSpecDoesNot() {
        assertThat(dryRunCreate(resource("ServerConfig", "no-containers", Map.of("podSpec", Map.of()))))
                .contains("spec.podSpec.containers: Required value");
        assertThat(dryRunCreate(resource("SeldonConfig", "no-containers",
                Map.of("components", List.of(Map.of("name", "seldon-scheduler", "podSpec", Map.of()))))))
                .contains("spec.components[0].podSpec.containers: Required value");
        assertThat(dryRunCreate(resource("Server", "no-containers",
                Map.of("serverConfig", "mlserver", "podSpec", Map.of("nodeSelector", Map.of("pool", "gpu"))))))
                .isNull();
    }

    @Test
    void printerColumnsAreSeldons() {
        assertThat(columns("models")).containsExactly(
                "Ready|.status.conditions[?(@.type==\"ModelReady\")].status|string|0",
                "Desired Replicas|.spec.replicas|integer|0",
                "Available Replicas|.status.availableReplicas|integer|0",
                "ModelGw Ready|.status.modelgwReady|string|0",
                "Age|.metadata.creationTimestamp|date|0");
        assertThat(columns("servers")).containsExactly(
                "Ready|.status.conditions[?(@.type==\"Ready\")].status|string|0",
                "Replicas|.status.replicas|integer|0",
                "Loaded Models|.status.loadedModels|integer|0",
                "Age|.metadata.creationTimestamp|date|0");
        assertThat(columns("pipelines")).containsExactly(
                "Pipeline ready|.status.conditions[?(@.type=='Ready')].status|string|0",
                "Models ready|.status.conditions[?(@.type=='ModelsReady')].status|string|1",
                "PipelineGw ready|.status.conditions[?(@.type=='PipelineGwReady')].status|string|1",
                "Dataflow ready|.status.conditions[?(@.type=='PipelineReady')].status|string|1",
                "Message|.status.conditions[?(@.type=='Ready')].message|string|0",
                "Age|.metadata.creationTimestamp|date|0");
        assertThat(columns("experiments")).containsExactly(
                "Experiment ready|.status.conditions[?(@.type=='ExperimentReady')].status|string|0",
                "Candidates ready|.status.conditions[?(@.type=='CandidatesReady')].status|string|1",
                "Mirror ready|.status.conditions[?(@.type=='MirrorReady')].status|string|1",
                "Message|.status.conditions[?(@.type=='Ready')].message|string|0",
                "Age|.metadata.creationTimestamp|date|0");
        for (String plural : List.of("serverconfigs", "seldonruntimes", "seldonconfigs")) {
            assertThat(columns(plural)).as(plural).isEmpty();
        }
    }

    @Test
    void namesAndSubresourcesAreSeldons() {
        Map<String, String> expected = Map.of("models", "model|Model|[mlm]|scale", "servers", "server|Server|[mls]|scale",
                "pipelines", "pipeline|Pipeline|[mlp]|-", "experiments", "experiment|Experiment|[mlx]|-",
                "serverconfigs", "serverconfig|ServerConfig|[mlc]|-", "seldonruntimes", "seldonruntime|SeldonRuntime|[]|-",
                "seldonconfigs", "seldonconfig|SeldonConfig|[]|-");
        expected.forEach((plural, names) -> {
            CustomResourceDefinition crd = crd(plural);
            var version = crd.getSpec().getVersions().getFirst();
            var scale = version.getSubresources().getScale();
            assertThat(crd.getSpec().getNames().getSingular() + "|" + crd.getSpec().getNames().getKind() + "|"
                    + crd.getSpec().getNames().getShortNames() + "|" + (scale == null ? "-" : "scale"))
                    .as(plural).isEqualTo(names);
            assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
            assertThat(crd.getSpec().getVersions()).singleElement()
                    .satisfies(v -> assertThat(v.getName() + v.getServed() + v.getStorage()).isEqualTo("v1alpha1truetrue"));
            assertThat(version.getSubresources().getStatus()).as(plural + " status subresource").isNotNull();
            if (scale != null) {
                assertThat(List.of(scale.getSpecReplicasPath(), scale.getStatusReplicasPath(), scale.getLabelSelectorPath()))
                        .containsExactly(".spec.replicas", ".status.replicas", ".status.selector");
            }
        });
    }

    @Test
    void kubectlShowsTheColumnsAndScalesModelsAndServers() throws IOException {
        Path samples = RepoPaths.seldonSamples();
        ok(KAS.kubectl("apply", "-f", samples.resolve("models/tfsimple_scaling.yaml").toString()));
        ok(KAS.kubectl("apply", "-f", samples.resolve("servers/mlserver1.yaml").toString()));

        ok(KAS.kubectl("patch", "model", "tfsimple", "--subresource=status", "--type=merge", "-p",
                "{\"status\":{\"conditions\":[{\"type\":\"ModelReady\",\"status\":\"True\"}],"
                        + "\"availableReplicas\":1,\"replicas\":1,\"selector\":\"server=mlserver1\","
                        + "\"modelgwReady\":\"ModelAvailable\"}}"));
        Result wide = ok(KAS.kubectl("get", "models", "-o", "wide"));
        List<String> lines = wide.stdout().lines().toList();
        assertThat(lines.getFirst().split("\\s{2,}"))
                .containsExactly("NAME", "READY", "DESIRED REPLICAS", "AVAILABLE REPLICAS", "MODELGW READY", "AGE");
        assertThat(lines.get(1).split("\\s+")).startsWith("tfsimple", "True", "1", "1", "ModelAvailable");
        assertThat(ok(KAS.kubectl("get", "mlm")).stdout()).contains("tfsimple");

        ok(KAS.kubectl("scale", "model", "tfsimple", "--replicas=2"));
        assertThat(ok(KAS.kubectl("get", "model", "tfsimple", "-o", "jsonpath={.spec.replicas}")).stdout()).isEqualTo("2");
        var model = KAS.client().genericKubernetesResources(context("models")).inNamespace(NAMESPACE)
                .withName("tfsimple").scale();
        assertThat(model.getSpec().getReplicas()).isEqualTo(2);
        assertThat(model.getStatus().getReplicas()).isEqualTo(1);
        assertThat(model.getStatus().getSelector()).isEqualTo("server=mlserver1");

        ok(KAS.kubectl("scale", "server/mlserver1", "--replicas", "3"));
        assertThat(KAS.client().resources(Server.class).inNamespace(NAMESPACE).withName("mlserver1").get()
                .getSpec().replicas()).isEqualTo(3);
        assertThat(ok(KAS.kubectl("get", "servers")).stdout().lines().findFirst().orElseThrow().split("\\s{2,}"))
                .containsExactly("NAME", "READY", "REPLICAS", "LOADED MODELS", "AGE");
    }

    @Test
    void kubectlExplainsModelSpec() {
        Result explain = ok(KAS.kubectl("explain", "model.spec"));
        assertThat(explain.stdout()).contains("storageUri").contains("requirements");
        assertThat(ok(KAS.kubectl("explain", "servers.spec.podSpec.containers")).stdout()).contains("image");
    }

    /** Null if the API server accepts {@code resource} (a server-side dry run, strict field validation), else its message. */
    private static String dryRunCreate(GenericKubernetesResource resource) {
        try {
            KAS.client().genericKubernetesResources(context(plural(resource.getKind()))).inNamespace(SAMPLES_NAMESPACE)
                    .resource(resource).dryRun().fieldValidation(Validation.STRICT).create();
            return null;
        } catch (KubernetesClientException e) {
            return e.getCode() + " " + (e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage());
        }
    }

    private static GenericKubernetesResource resource(String kind, String name, Map<String, Object> spec) {
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion(SeldonCrds.GROUP + "/" + SeldonCrds.VERSION);
        resource.setKind(kind);
        resource.setMetadata(new ObjectMetaBuilder().withName(name).build());
        resource.setAdditionalProperty("spec", spec);
        return resource;
    }

    private static String plural(String kind) {
        return kind.toLowerCase(java.util.Locale.ROOT) + "s";
    }

    private static ResourceDefinitionContext context(String plural) {
        return new ResourceDefinitionContext.Builder().withGroup(SeldonCrds.GROUP).withVersion(SeldonCrds.VERSION)
                .withPlural(plural).withNamespaced(true).build();
    }

    private static CustomResourceDefinition crd(String plural) {
        return KAS.client().apiextensions().v1().customResourceDefinitions()
                .withName(plural + "." + SeldonCrds.GROUP).get();
    }

    private static List<String> columns(String plural) {
        List<CustomResourceColumnDefinition> columns = crd(plural).getSpec().getVersions().getFirst()
                .getAdditionalPrinterColumns();
        return columns == null ? List.of() : columns.stream()
                .map(c -> c.getName() + "|" + c.getJsonPath() + "|" + c.getType() + "|"
                        + (c.getPriority() == null ? 0 : c.getPriority()))
                .toList();
    }

    private static Result ok(Result result) {
        assertThat(result.exitCode()).as("kubectl: %s", result).isZero();
        return result;
    }

}
