package io.trantor.dsl;

import static io.trantor.dsl.ModelAndServerValidationTest.paths;
import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.dsl.testing.Specs;
import org.junit.jupiter.api.Test;

class ExperimentValidationTest {

    @Test
    void acceptsWeightedSplitWithDefaultAndMirror() {
        Experiment experiment = Specs.experiment("ab").candidate("iris", 50).candidate("iris2", 50)
                .defaultResource("iris").mirror("iris3", 10).build();

        assertThat(Validator.validate(experiment)).isEmpty();
    }

    @Test
    void rejectsExperimentWithoutCandidates() {
        assertThat(Validator.validate(Specs.experiment("ab").build()))
                .containsExactly(Problem.at("spec.candidates", "required: at least one candidate {name, weight}"));
    }

    @Test
    void rejectsDefaultThatIsNotACandidate() {
        Experiment experiment = Specs.experiment("ab").candidate("iris2", 50).candidate("iris3", 50)
                .defaultResource("iris").build();

        assertThat(Validator.validate(experiment)).containsExactly(
                Problem.at("spec.default", "\"iris\" must be one of the candidates (iris2, iris3)"));
    }

    @Test
    void rejectsNonPositiveWeightsDuplicateAndMalformedCandidates() {
        Experiment experiment = Specs.experiment("ab").candidate("iris", 0).candidate("iris", 5)
                .candidate("Iris_2", -1).build();

        assertThat(paths(experiment)).containsExactly("spec.candidates[0].weight", "spec.candidates[1].name",
                "spec.candidates[2].name", "spec.candidates[2].weight");
    }

    @Test
    void rejectsMirrorPercentOutOfRangeAndMirrorThatIsACandidate() {
        assertThat(paths(Specs.experiment("m").candidate("iris", 100).mirror("iris2", 101).build()))
                .containsExactly("spec.mirror.percent");
        assertThat(paths(Specs.experiment("m").candidate("iris", 100).mirror("iris2", -1).build()))
                .containsExactly("spec.mirror.percent");
        assertThat(paths(Specs.experiment("m").candidate("iris", 100).mirror("iris", 50).build()))
                .containsExactly("spec.mirror.name");
    }

    @Test
    void acceptsMirrorOfEveryRequest() {
        assertThat(Validator.validate(Specs.experiment("m").pipelines().candidate("pipeline-add10", 100)
                .mirror("pipeline-mul10", 100).defaultResource("pipeline-add10").build())).isEmpty();
    }

    @Test
    void experimentNamesMayContainDotsLikeAnyKubernetesObject() {
        // Seldon's scheduler does not check experiment names; Kubernetes allows DNS-1123 subdomains.
        assertThat(Validator.validate(Specs.experiment("ab.v2").candidate("iris", 1).build())).isEmpty();
        assertThat(paths(Specs.experiment("AB").candidate("iris", 1).build())).containsExactly("metadata.name");
    }
}
