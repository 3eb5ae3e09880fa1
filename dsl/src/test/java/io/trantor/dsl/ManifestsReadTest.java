package io.trantor.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManifestsReadTest {

    private static final String MODEL = """
            apiVersion: mlops.seldon.io/v1alpha1
            kind: Model
            metadata:
              name: iris
            spec:
              storageUri: gs://seldon-models/mlserver/iris
            """;

    @Test
    void readsEveryDocumentOfAMultiDocumentFile() {
        String yaml = MODEL + """
                ---
                apiVersion: mlops.seldon.io/v1alpha1
                kind: Pipeline
                metadata:
                  name: iris-pipeline
                spec:
                  steps:
                  - name: iris
                ---
                apiVersion: mlops.seldon.io/v1alpha1
                kind: Experiment
                metadata:
                  name: ab
                spec:
                  candidates:
                  - name: iris
                    weight: 1
                """;

        ReadResult result = Manifests.read(yaml);

        assertThat(result.problems()).isEmpty();
        assertThat(result.resources()).extracting(Resource::kind)
                .containsExactly(Kind.MODEL, Kind.PIPELINE, Kind.EXPERIMENT);
        assertThat(result.ofType(Pipeline.class)).singleElement().extracting(Resource::name).isEqualTo("iris-pipeline");
    }

    @Test
    void skipsEmptyDocumentsAndNumbersOnlyTheOnesWithContent() {
        String yaml = "---\n---\n" + MODEL + "---\n" + MODEL.replace("storageUri: gs://seldon-models/mlserver/iris",
                "storageUri: \"\"") + "---\n";

        ReadResult result = Manifests.read(yaml);

        assertThat(result.resources()).hasSize(1);
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.document()).isEqualTo(2);
            assertThat(p.path()).isEqualTo("spec.storageUri");
        });
    }

    @Test
    void keepsTheValidDocumentsAndReportsTheInvalidOnesOfTheSameFile() {
        String yaml = MODEL + "---\n" + MODEL.replace("name: iris", "name: Iris");

        ReadResult result = Manifests.read(yaml);

        assertThat(result.resources()).hasSize(1);
        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).singleElement().hasToString("<string> (document 2): metadata.name: \"Iris\" must "
                + "match ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ (lower case letters, digits and '-')");
    }

    @Test
    void reportsAYamlSyntaxErrorOnceWithLineAndColumn() {
        String yaml = MODEL + """
                ---
                apiVersion: mlops.seldon.io/v1alpha1
                kind: Model
                metadata:
                  name: broken
                spec:
                  storageUri: "gs://x
                  requirements: [sklearn
                """;

        ReadResult result = Manifests.read(yaml);

        assertThat(result.resources()).extracting(Resource::name).containsExactly("iris");
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.document()).isEqualTo(2);
            assertThat(p.path()).isEmpty();
            assertThat(p.message()).isEqualTo("syntax error at line 15, column 1: found unexpected end of stream"
                    + " (while scanning a quoted scalar that starts at line 13)");
        });
    }

    @Test
    void reportsBadIndentationWithItsLine() {
        String yaml = """
                apiVersion: mlops.seldon.io/v1alpha1
                kind: Model
                metadata:
                  name: iris
                 spec: {}
                """;

        assertThat(Manifests.read(yaml).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("syntax error at line 5"));
    }

    @Test
    void reportsDuplicateKeysAsSyntaxErrors() {
        String yaml = MODEL + "  storageUri: gs://other\n";

        assertThat(Manifests.read(yaml).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("line 7").contains("storageUri"));
    }

    @Test
    void readsJsonIncludingTabIndentationAndConcatenatedValues() {
        String json = "{\n\t\"apiVersion\": \"mlops.seldon.io/v1alpha1\", \"kind\": \"Server\",\n"
                + "\t\"metadata\": {\"name\": \"mlserver1\"}, \"spec\": {\"serverConfig\": \"mlserver\"}}\n"
                + "{\"apiVersion\": \"mlops.seldon.io/v1alpha1\", \"kind\": \"Server\","
                + " \"metadata\": {\"name\": \"mlserver2\"}, \"spec\": {\"serverConfig\": \"mlserver\"}}";

        ReadResult result = Manifests.read(json);

        assertThat(result.problems()).isEmpty();
        assertThat(result.resources()).extracting(Resource::name).containsExactly("mlserver1", "mlserver2");
    }

    @Test
    void readsAKubernetesListItemByItemWithItemPaths() {
        String json = """
                {"apiVersion": "v1", "kind": "List", "items": [
                  {"apiVersion": "mlops.seldon.io/v1alpha1", "kind": "Server", "metadata": {"name": "a"},
                   "spec": {"serverConfig": "mlserver"}},
                  {"apiVersion": "mlops.seldon.io/v1alpha1", "kind": "Server", "metadata": {"name": "b"},
                   "spec": {"serverConfig": "mlserver", "replicas": -1}}]}
                """;

        ReadResult result = Manifests.read(json);

        assertThat(result.resources()).extracting(Resource::name).containsExactly("a");
        assertThat(result.problems()).extracting(Problem::path).containsExactly("items[1].spec.replicas");
    }

    @Test
    void collectsEveryTypeErrorOfADocumentNotJustTheFirst() {
        String yaml = """
                apiVersion: mlops.seldon.io/v1alpha1
                kind: Model
                metadata:
                  name: iris
                  labels:
                    version: 1
                spec:
                  storageUri: 42
                  replicas: two
                  minReplicas: 1.5
                  maxReplicas: 9999999999
                  requirements: sklearn
                  memory: lots
                  preloaded: "yes"
                  parameters:
                  - just-a-string
                """;

        ReadResult result = Manifests.read(yaml);

        assertThat(result.resources()).isEmpty();
        assertThat(result.problems()).extracting(Problem::path, Problem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("metadata.labels[\"version\"]", "expected a string (quote it), got the number 1"),
                org.assertj.core.groups.Tuple.tuple("spec.storageUri", "expected a string, got the number 42"),
                org.assertj.core.groups.Tuple.tuple("spec.requirements", "expected a list of strings, got \"sklearn\""),
                org.assertj.core.groups.Tuple.tuple("spec.memory", "\"lots\" is not " + Quantity.EXPECTED),
                org.assertj.core.groups.Tuple.tuple("spec.replicas", "expected an integer, got \"two\""),
                org.assertj.core.groups.Tuple.tuple("spec.minReplicas", "expected an integer, got the number 1.5"),
                org.assertj.core.groups.Tuple.tuple("spec.maxReplicas", "must be a 32-bit integer, got 9999999999"),
                org.assertj.core.groups.Tuple.tuple("spec.preloaded", "expected true or false, got \"yes\""),
                org.assertj.core.groups.Tuple.tuple("spec.parameters[0]", "expected a mapping, got \"just-a-string\""));
    }

    @Test
    void rejectsWrongApiVersionAndUnknownKind() {
        ReadResult result = Manifests.read("""
                apiVersion: machinelearning.seldon.io/v1
                kind: SeldonDeployment
                metadata:
                  name: old
                spec: {}
                """);

        assertThat(result.problems()).extracting(Problem::path, Problem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("apiVersion",
                        "\"machinelearning.seldon.io/v1\" must be mlops.seldon.io/v1alpha1"),
                org.assertj.core.groups.Tuple.tuple("kind",
                        "\"SeldonDeployment\" must be one of Model, Server, ServerConfig, Pipeline, Experiment"));
    }

    @Test
    void rejectsDocumentsWithoutSpecOrThatAreNotMappings() {
        ReadResult result = Manifests.read("""
                apiVersion: mlops.seldon.io/v1alpha1
                kind: Model
                metadata:
                  name: iris
                ---
                - just
                - a list
                """);

        assertThat(result.problems()).extracting(Problem::document, Problem::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "spec"), org.assertj.core.groups.Tuple.tuple(2, ""));
    }

    @Test
    void unknownFieldsAreProblemsByDefaultWarningsUnderWarnAndSilentUnderIgnore() {
        String yaml = MODEL + "  replica: 3\n";

        ReadResult strict = Manifests.read(yaml);
        ReadResult warn = Manifests.read(yaml, "m.yaml", FieldValidation.WARN);
        ReadResult ignore = Manifests.read(yaml, "m.yaml", FieldValidation.IGNORE);

        assertThat(strict.problems()).containsExactly(
                new Problem("<string>", 1, "spec.replica", "unknown field; did you mean \"replicas\"?"));
        assertThat(warn.problems()).isEmpty();
        assertThat(warn.warnings()).containsExactly(
                new Problem("m.yaml", 1, "spec.replica", "unknown field; did you mean \"replicas\"?"));
        assertThat(warn.resources()).singleElement().satisfies(r -> assertThat(((Model) r).spec().replicas()).isEqualTo(1));
        assertThat(ignore.problems()).isEmpty();
        assertThat(ignore.warnings()).isEmpty();
        assertThat(ignore.resources()).hasSize(1);
    }

    @Test
    void unknownFieldWithNoNearMatchListsTheKnownFields() {
        ReadResult result = Manifests.read(MODEL.replace("  name: iris", "  name: iris\n  colour: blue"));

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("metadata.colour");
            assertThat(p.message()).startsWith("unknown field; expected one of ").contains("name", "namespace", "labels");
        });
    }

    @Test
    void acceptsWhatKubectlGetPrintsClusterOwnedMetadataAndStatus() {
        String yaml = """
                apiVersion: mlops.seldon.io/v1alpha1
                kind: Model
                metadata:
                  name: iris
                  namespace: seldon-mesh
                  uid: 6a1c1b1e-0000-0000-0000-000000000000
                  resourceVersion: "12345"
                  generation: 3
                  creationTimestamp: "2024-01-01T00:00:00Z"
                  finalizers: [seldon.model.finalizer]
                  annotations:
                    kubectl.kubernetes.io/last-applied-configuration: "{}"
                spec:
                  storageUri: gs://seldon-models/mlserver/iris
                status:
                  replicas: 1
                  conditions: []
                """;

        ReadResult result = Manifests.read(yaml);

        assertThat(result.problems()).isEmpty();
        Metadata metadata = result.resources().get(0).metadata();
        assertThat(metadata.namespace()).isEqualTo("seldon-mesh");
        assertThat(metadata.generation()).isEqualTo(3L);
        assertThat(metadata.annotations()).containsOnlyKeys("kubectl.kubernetes.io/last-applied-configuration");
    }

    @Test
    void reportsUnknownFieldsDeepInsideNestedStructures() {
        ReadResult result = Manifests.read("""
                apiVersion: mlops.seldon.io/v1alpha1
                kind: Pipeline
                metadata:
                  name: p
                spec:
                  steps:
                  - name: a
                    batch:
                      sise: 2
                  output:
                    steps: [a]
                    stepJoin: any
                """);

        assertThat(result.problems()).extracting(Problem::path)
                .containsExactly("spec.steps[0].batch.sise", "spec.output.stepJoin");
    }

    @Test
    void rejectsJoinTypesAndResourceTypesOutsideTheirEnums() {
        ReadResult result = Manifests.read("""
                apiVersion: mlops.seldon.io/v1alpha1
                kind: Pipeline
                metadata:
                  name: p
                spec:
                  steps:
                  - name: a
                    inputsJoinType: left
                ---
                apiVersion: mlops.seldon.io/v1alpha1
                kind: Experiment
                metadata:
                  name: e
                spec:
                  resourceType: models
                  candidates:
                  - name: a
                """);

        assertThat(result.problems()).extracting(Problem::path, Problem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("spec.steps[0].inputsJoinType", "\"left\" must be one of inner, outer, any"),
                org.assertj.core.groups.Tuple.tuple("spec.candidates[0].weight", "required: expected an integer"),
                org.assertj.core.groups.Tuple.tuple("spec.resourceType", "\"models\" must be one of model, pipeline"));
    }

    @Test
    void readsFromAStreamNamingTheSource() throws Exception {
        ReadResult result = Manifests.read(new ByteArrayInputStream(
                MODEL.replace("name: iris", "name: Iris").getBytes(StandardCharsets.UTF_8)), "<stdin>");

        assertThat(result.problems()).singleElement().extracting(Problem::source).isEqualTo("<stdin>");
    }

    @Test
    void readsAFileNamingItInProblems(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("iris.yaml");
        java.nio.file.Files.writeString(file, MODEL + "  replicas: -1\n");

        assertThat(Manifests.read(file).problems()).singleElement()
                .hasToString(file + " (document 1): spec.replicas: must be >= 0, got -1");
    }

    @Test
    void emptySourceHasNothingAndNoProblems() {
        ReadResult result = Manifests.read("# nothing here\n");

        assertThat(result.resources()).isEmpty();
        assertThat(result.problems()).isEmpty();
    }
}
