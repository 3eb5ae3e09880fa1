package io.trantor.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.dsl.testing.SampleManifests;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SampleManifestsTest {

    static Stream<String> acceptedSamples() {
        return SampleManifests.accepted().stream();
    }

    static Stream<String> rejectedSamples() {
        return SampleManifests.REJECTED.keySet().stream().sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedSamples")
    void acceptsSampleWithoutProblemsAndWithOnlyTheExpectedWarnings(String sample) {
        ReadResult result = SampleManifests.read(sample);

        assertThat(result.problems()).as(sample).isEmpty();
        assertThat(result.warnings()).extracting(Problem::path).as(sample)
                .containsExactlyElementsOf(SampleManifests.WARNED.getOrDefault(sample, List.of()));
        assertThat(result.resources()).hasSize(1);
        assertThat(result.resources().get(0).kind()).isEqualTo(kindOfFolder(sample));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedSamples")
    void rejectsSampleWithProblemsAtTheExpectedPaths(String sample) {
        ReadResult result = SampleManifests.read(sample);

        assertThat(result.resources()).as(sample).isEmpty();
        assertThat(result.problems()).extracting(Problem::path).as(result.describeProblems())
                .containsExactlyElementsOf(SampleManifests.REJECTED.get(sample));
        assertThat(result.problems()).allSatisfy(p -> {
            assertThat(p.source()).endsWith(sample);
            assertThat(p.document()).isEqualTo(1);
        });
    }

    @Test
    void everyGoldenRejectionNamesAnExistingSample() {
        assertThat(SampleManifests.all()).containsAll(SampleManifests.REJECTED.keySet())
                .containsAll(SampleManifests.FAILS_LATER.keySet());
        assertThat(SampleManifests.accepted()).containsAll(SampleManifests.WARNED.keySet());
    }

    @Test
    void rejectsExactlySeldonsNegativeSamples() {
        assertThat(SampleManifests.REJECTED.keySet()).allMatch(s -> s.contains("/error-") || s.contains("badname"));
    }

    @Test
    void underscoreSampleIsAcceptedWithAWarningThatKubernetesWillRefuseIt() {
        ReadResult result = SampleManifests.read("models/id1_node.yaml");

        assertThat(result.ok()).isTrue();
        assertThat(result.warnings()).singleElement().satisfies(w -> {
            assertThat(w.source()).endsWith("models/id1_node.yaml");
            assertThat(w.document()).isEqualTo(1);
            assertThat(w.path()).isEqualTo("metadata.name");
            assertThat(w.message()).startsWith("\"id1_node\" contains '_'")
                    .contains("Kubernetes", "Seldon's newer scheduler", "operator will refuse it");
        });
    }

    @Test
    void everyErrorAndBadnameSampleIsEitherRejectedOrKnownToFailLater() {
        List<String> negative = SampleManifests.all().stream()
                .filter(s -> s.contains("/error-") || s.contains("badname")).toList();

        assertThat(negative).isNotEmpty().allSatisfy(s -> assertThat(
                SampleManifests.REJECTED.containsKey(s) || SampleManifests.FAILS_LATER.containsKey(s)).as(s).isTrue());
    }

    @Test
    void samplesThatFailOnlyAtLoadOrScheduleTimeAreValidManifests() {
        // Seldon accepts these and fails later: the URI does not exist, or no Server offers "foobar".
        // Validation cannot know the world, so Trantor accepts them too and fails at load/schedule time.
        SampleManifests.FAILS_LATER.keySet().forEach(sample ->
                assertThat(SampleManifests.read(sample).ok()).as(sample).isTrue());
    }

    @Test
    void misspeltFieldIsReportedWithTheFieldItWasMeantToBe() {
        ReadResult result = SampleManifests.read("models/error-bad-spec.yaml");

        assertThat(result.problems()).extracting(Problem::message)
                .containsExactly("unknown field; did you mean \"storageUri\"?",
                        "required: the artifact's location, e.g. gs://bucket/iris");
    }

    @Test
    void readsEverySampleFolder() {
        assertThat(SampleManifests.all()).hasSizeGreaterThan(100);
        SampleManifests.FOLDERS.forEach(folder ->
                assertThat(SampleManifests.all()).anyMatch(s -> s.startsWith(folder + "/")));
    }

    private static Kind kindOfFolder(String sample) {
        return switch (sample.substring(0, sample.indexOf('/'))) {
            case "models" -> Kind.MODEL;
            case "servers" -> Kind.SERVER;
            case "pipelines" -> Kind.PIPELINE;
            case "experiments" -> Kind.EXPERIMENT;
            default -> throw new IllegalArgumentException(sample);
        };
    }
}
