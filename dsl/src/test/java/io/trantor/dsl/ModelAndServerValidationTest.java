package io.trantor.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.dsl.testing.Specs;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelAndServerValidationTest {

    @Test
    void acceptsAModelBuiltWithDefaults() {
        assertThat(Validator.validate(Specs.model("iris").requirements("sklearn").memory("100Ki").build())).isEmpty();
    }

    @Test
    void rejectsNameThatBreaksSeldonsRuleWithTheRuleInTheMessage() {
        assertThat(Validator.validate(Specs.model("Iris_1").build())).containsExactly(Problem.at("metadata.name",
                "\"Iris_1\" must match ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ (lower case letters, digits and '-')"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"iris.v1", "-iris", "iris-", "_iris", "iris_", "Iris_1", "iris_1.v2", "IRIS", "iris v1", "ïris"})
    void rejectsModelNamesWithDotsCapitalsOrEdgeDashesOrUnderscores(String name) {
        Model model = Specs.model(name).build();

        assertThat(paths(model)).containsExactly("metadata.name");
        assertThat(Validator.warnings(model)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"iris_1", "id1_node", "a_b_c", "income-v2_x"})
    void acceptsModelNamesWithInnerUnderscoresButWarnsThatKubernetesRejectsThem(String name) {
        Model model = Specs.model(name).build();

        assertThat(Validator.validate(model)).isEmpty();
        assertThat(Validator.warnings(model)).singleElement().satisfies(w -> {
            assertThat(w.path()).isEqualTo("metadata.name");
            assertThat(w.message()).contains("'_'", "Kubernetes", "Seldon's newer scheduler", "operator will refuse it");
        });
    }

    @Test
    void serverNamesWithUnderscoresStayErrors() {
        assertThat(paths(Specs.server("mlserver_1").build())).containsExactly("metadata.name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"iris", "1iris", "a", "income-v2", "x1-2-3"})
    void acceptsModelNamesOfLowerCaseLettersDigitsAndInnerDashes(String name) {
        assertThat(Validator.validate(Specs.model(name).build())).isEmpty();
    }

    @Test
    void rejectsMissingNameAndBadNamespace() {
        Model model = new Model(new Metadata(null, "My_NS", null, null, null), Specs.model("x").build().spec());

        assertThat(Validator.validate(model)).extracting(Problem::path, Problem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("metadata.name", "required"),
                org.assertj.core.groups.Tuple.tuple("metadata.namespace", "\"My_NS\" must match "
                        + "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ (lower case letters, digits and '-', at most 63 characters)"));
    }

    @Test
    void rejectsOverlongModelName() {
        assertThat(Validator.validate(Specs.model("a".repeat(254)).build())).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("254 characters long; at most 253"));
    }

    @Test
    void rejectsMissingOrEmptyStorageUri() {
        assertThat(paths(Specs.model("iris").storageUri(null).build())).containsExactly("spec.storageUri");
        assertThat(paths(Specs.model("iris").storageUri(" ").build())).containsExactly("spec.storageUri");
    }

    @Test
    void rejectsReplicasBelowMinReplicas() {
        assertThat(Validator.validate(Specs.model("iris").minReplicas(2).replicas(1).build()))
                .containsExactly(Problem.at("spec.replicas", "must be >= minReplicas (2), got 1"));
    }

    @Test
    void rejectsReplicasAndMinReplicasAboveMaxReplicas() {
        assertThat(Validator.validate(Specs.model("iris").minReplicas(4).replicas(5).maxReplicas(3).build()))
                .containsExactly(
                        Problem.at("spec.minReplicas", "must be <= maxReplicas (3), got 4"),
                        Problem.at("spec.replicas", "must be <= maxReplicas (3), got 5"));
    }

    @Test
    void rejectsNegativeScalingValuesEachAtItsPath() {
        assertThat(paths(Specs.model("iris").replicas(-1).minReplicas(-2).maxReplicas(-3).build()))
                .containsExactly("spec.replicas", "spec.minReplicas", "spec.maxReplicas");
    }

    @Test
    void acceptsScaleToZeroAndUnsetBounds() {
        assertThat(Validator.validate(Specs.model("iris").replicas(0).build())).isEmpty();
        assertThat(Validator.validate(Specs.model("iris").replicas(3).maxReplicas(3).build())).isEmpty();
    }

    @Test
    void rejectsExplainerCombinedWithLlm() {
        Model model = Specs.model("e").explainer("anchor_tabular", "income", null).llm("gpt", null).build();

        assertThat(paths(model)).containsExactly("spec.llm");
    }

    @Test
    void explainerNeedsExactlyOneOfModelRefAndPipelineRef() {
        assertThat(paths(Specs.model("e").explainer("anchor_text", null, null).build())).containsExactly("spec.explainer");
        assertThat(paths(Specs.model("e").explainer("anchor_text", "m", "p").build())).containsExactly("spec.explainer");
        assertThat(paths(Specs.model("e").explainer("anchor_text", null, "p").build())).isEmpty();
    }

    @Test
    void rejectsParameterWithoutNameAndEmptyRequirement() {
        Model model = Specs.model("m").parameter("", "x").parameter("query", null).requirements("sklearn", "").build();

        assertThat(paths(model)).containsExactly("spec.requirements[1]", "spec.parameters[0].name",
                "spec.parameters[1].value");
    }

    @Test
    void rejectsServerNamesThatCannotBeKubernetesServiceNames() {
        assertThat(paths(Specs.server("mlserver.name").build())).containsExactly("metadata.name");
        assertThat(paths(Specs.server("1mlserver").build())).containsExactly("metadata.name");
        assertThat(paths(Specs.server("m".repeat(64)).build())).containsExactly("metadata.name");
        assertThat(Validator.validate(Specs.server("mlserver-134").build())).isEmpty();
    }

    @Test
    void serverNeedsServerConfigAndValidScaling() {
        Server server = Specs.server("s").serverConfig(" ").minReplicas(3).replicas(2).capabilities("").build();

        assertThat(paths(server)).containsExactly("spec.serverConfig", "spec.capabilities[0]", "spec.replicas");
    }

    @Test
    void serverScalingBoundsAreCheckedWithTheFieldPath() {
        assertThat(Validator.validate(Specs.server("s").minReplicas(3).maxReplicas(2).replicas(3).build()))
                .containsExactly(Problem.at("spec.minReplicas", "must be <= maxReplicas (2), got 3"),
                        Problem.at("spec.replicas", "must be <= maxReplicas (2), got 3"));
        assertThat(Validator.validate(Specs.server("s").minReplicas(2).maxReplicas(4).replicas(1).build()))
                .containsExactly(Problem.at("spec.replicas", "must be >= minReplicas (2), got 1"));
        assertThat(Validator.validate(Specs.server("s").minReplicas(1).maxReplicas(4).replicas(4).build())).isEmpty();
    }

    @Test
    void terminationGracePeriodCapsTheDrainAndDefaultsTo120Seconds() {
        var podSpec = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        assertThat(Specs.server("s").build().spec().terminationGracePeriodSeconds()).isEqualTo(120);
        podSpec.put("terminationGracePeriodSeconds", 30);
        assertThat(Specs.server("s").podSpec(podSpec).build().spec().terminationGracePeriodSeconds()).isEqualTo(30);
        podSpec.put("terminationGracePeriodSeconds", -1);
        assertThat(Validator.validate(Specs.server("s").podSpec(podSpec).build())).containsExactly(
                Problem.at("spec.podSpec.terminationGracePeriodSeconds", "must be a whole number of seconds >= 0, got -1"));
    }

    @Test
    void serverConfigNeedsAPodSpecWithContainers() {
        assertThat(Validator.validate(Specs.serverConfig("mlserver", "rclone", "agent", "mlserver"))).isEmpty();
        ServerConfig empty = new ServerConfig(Metadata.named("c"), new ServerConfigSpec(null, List.of()));
        assertThat(paths(empty)).containsExactly("spec.podSpec");
        ServerConfig noContainers = new ServerConfig(Metadata.named("c"), new ServerConfigSpec(
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), List.of()));
        assertThat(paths(noContainers)).containsExactly("spec.podSpec.containers");
    }

    static List<String> paths(Resource resource) {
        return Validator.validate(resource).stream().map(Problem::path).toList();
    }
}
