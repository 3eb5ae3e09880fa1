package io.trantor.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.dsl.testing.SampleManifests;
import io.trantor.dsl.testing.Specs;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripTest {

    static Stream<String> acceptedSamples() {
        return SampleManifests.accepted().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedSamples")
    void writingASampleAsYamlAndJsonReadsBackTheSameResource(String sample) {
        Resource resource = SampleManifests.read(sample).resources().get(0);

        assertThat(reread(Manifests.toYaml(resource))).isEqualTo(resource);
        assertThat(reread(Manifests.toJson(resource))).isEqualTo(resource);
    }

    @Test
    void writesYamlInTheCrdShapeWithDefaultsSpelledOut() {
        Model model = Specs.model("iris").storageUri("gs://seldon-models/mlserver/iris").requirements("sklearn")
                .memory("100Ki").build();

        assertThat(Manifests.toYaml(model)).isEqualTo("""
                apiVersion: mlops.seldon.io/v1alpha1
                kind: Model
                metadata:
                  name: iris
                  namespace: default
                spec:
                  storageUri: gs://seldon-models/mlserver/iris
                  requirements:
                  - sklearn
                  memory: 100Ki
                  replicas: 1
                """);
    }

    @Test
    void writesTheExperimentDefaultUnderItsCrdName() {
        Experiment experiment = Specs.experiment("ab").candidate("iris", 50).candidate("iris2", 50)
                .defaultResource("iris").build();

        assertThat(Manifests.toYaml(experiment)).contains("\n  default: iris\n").contains("resourceType: model");
    }

    @Test
    void quotesStringsThatWouldReadBackAsNumbersOrBooleans() {
        Model model = Specs.model("m").parameter("threshold", "0.5").parameter("flag", "true").parameter("n", "007")
                .build();

        assertThat(reread(Manifests.toYaml(model))).isEqualTo(model);
    }

    @Test
    void writesSeveralResourcesAsAMultiDocumentStreamAndAsAKubernetesList() {
        List<Resource> resources = List.of(Specs.model("iris").build(), Specs.server("mlserver1").build(),
                Specs.pipeline("p").step("iris").output("iris").build());

        ReadResult fromYaml = Manifests.read(Manifests.toYaml(resources));
        ReadResult fromJson = Manifests.read(Manifests.toJson(resources));

        assertThat(fromYaml.problems()).isEmpty();
        assertThat(fromYaml.resources()).isEqualTo(resources);
        assertThat(fromJson.problems()).isEmpty();
        assertThat(fromJson.resources()).isEqualTo(resources);
    }

    @Test
    void multiDocumentSampleFilesRoundTripAsAWhole() {
        List<Resource> all = SampleManifests.accepted().stream()
                .flatMap(s -> SampleManifests.read(s).resources().stream()).toList();

        assertThat(Manifests.read(Manifests.toYaml(all)).resources()).isEqualTo(all);
    }

    private static Resource reread(String text) {
        ReadResult result = Manifests.read(text);
        assertThat(result.problems()).as(text).isEmpty();
        Resource resource = result.resources().get(0);
        // Writing adds no warning of its own: only the resource's own (an underscore in a name) come back.
        assertThat(result.warnings()).extracting(Problem::path).as(text)
                .containsExactlyElementsOf(Validator.warnings(resource).stream().map(Problem::path).toList());
        return resource;
    }
}
