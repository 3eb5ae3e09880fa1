package io.trantor.dsl;

import static io.trantor.dsl.ModelAndServerValidationTest.paths;
import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.dsl.testing.Specs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineValidationTest {

    @Test
    void acceptsChainJoinTriggerAndPipelineInputReferences() {
        Pipeline pipeline = Specs.pipeline("p")
                .step("a")
                .step("b", s -> s.inputs("a.outputs.OUTPUT0", "p.inputs.INPUT1").tensorMap("a.outputs.OUTPUT0", "INPUT0"))
                .step("c", s -> s.inputs("b").triggers("a.outputs.flag").joinWindowMs(100))
                .step("d", s -> s.inputs("b.inputs.INPUT0"))
                .output("c", "d.outputs.OUTPUT0").build();

        assertThat(Validator.validate(pipeline)).isEmpty();
    }

    @Test
    void rejectsPipelineWithoutSteps() {
        assertThat(Validator.validate(Specs.pipeline("p").build()))
                .containsExactly(Problem.at("spec.steps", "required: at least one step"));
    }

    @Test
    void rejectsReferenceToUnknownStepListingTheKnownOnes() {
        Pipeline pipeline = Specs.pipeline("p").step("a").step("b", s -> s.inputs("c.outputs")).build();

        assertThat(Validator.validate(pipeline)).containsExactly(Problem.at("spec.steps[1].inputs[0]",
                "unknown step \"c\"; expected one of the steps (\"a\", \"b\") or \"p.inputs\" for the pipeline's inputs"));
    }

    @Test
    void rejectsMalformedReferencesEachAtItsPath() {
        Pipeline pipeline = Specs.pipeline("p").step("a")
                .step("b", s -> s.inputs("a.output", ".a", "a.outputs.").triggers("a.b.c"))
                .output("a.results").build();

        assertThat(paths(pipeline)).containsExactly("spec.steps[1].inputs[0]", "spec.steps[1].inputs[1]",
                "spec.steps[1].inputs[2]", "spec.steps[1].triggers[0]", "spec.output.steps[0]");
        assertThat(Validator.validate(pipeline).get(0).message()).isEqualTo("\"a.output\" is malformed: "
                + StepReference.EXPECTED);
    }

    @Test
    void rejectsEmptyInputAndTriggerEntries() {
        Pipeline pipeline = Specs.pipeline("p").step("a").step("b", s -> s.inputs("").triggers(" ")).build();

        assertThat(paths(pipeline)).containsExactly("spec.steps[1].inputs[0]", "spec.steps[1].triggers[0]");
    }

    @Test
    void rejectsDuplicateStepNames() {
        assertThat(Validator.validate(Specs.pipeline("p").step("a").step("a").build())).containsExactly(
                Problem.at("spec.steps[1].name", "\"a\" is already the name of spec.steps[0]"));
    }

    @Test
    void rejectsStepNamedLikeThePipeline() {
        assertThat(paths(Specs.pipeline("iris").step("iris").build())).containsExactly("spec.steps[0].name");
    }

    @Test
    void rejectsStepThatDependsOnItself() {
        Pipeline pipeline = Specs.pipeline("p").step("a", s -> s.inputs("a.outputs")).build();

        assertThat(Validator.validate(pipeline)).containsExactly(Problem.at("spec.steps[0].inputs[0]",
                "step \"a\" cannot read its own data (set spec.allowCycles: true for a loop)"));
    }

    @Test
    void rejectsPipelineWithCycleOnceAtItsFirstStep() {
        Pipeline pipeline = Specs.pipeline("p")
                .step("a", s -> s.inputs("c"))
                .step("b", s -> s.inputs("a"))
                .step("c", s -> s.inputs("b"))
                .step("d", s -> s.inputs("c"))
                .build();

        assertThat(Validator.validate(pipeline)).containsExactly(Problem.at("spec.steps[0]",
                "steps form a cycle: a -> b -> c -> a (set spec.allowCycles: true and spec.maxStepRevisits to allow loops)"));
    }

    @Test
    void reportsEachSeparateCycle() {
        Pipeline pipeline = Specs.pipeline("p")
                .step("a", s -> s.inputs("b"))
                .step("b", s -> s.triggers("a"))
                .step("c", s -> s.inputs("d.inputs"))
                .step("d", s -> s.inputs("c"))
                .build();

        assertThat(paths(pipeline)).containsExactly("spec.steps[0]", "spec.steps[2]");
    }

    @Test
    void acceptsCyclesWhenAllowed() {
        Pipeline pipeline = Specs.pipeline("p")
                .step("a", s -> s.inputs("p.inputs", "b").inputsJoinType(JoinType.ANY))
                .step("b", s -> s.inputs("a"))
                .step("c", s -> s.inputs("c"))
                .allowCycles(5).build();

        assertThat(Validator.validate(pipeline)).isEmpty();
    }

    @Test
    void acceptsDiamondWhichIsNotACycle() {
        Pipeline pipeline = Specs.pipeline("p").step("a").step("b", s -> s.inputs("a")).step("c", s -> s.inputs("a"))
                .step("d", s -> s.inputs("b", "c")).output("d").build();

        assertThat(Validator.validate(pipeline)).isEmpty();
    }

    @Test
    void rejectsSourceThatIsBothInputAndTrigger() {
        Pipeline pipeline = Specs.pipeline("p").step("a").step("b", s -> s.inputs("a").triggers("a.outputs")).build();

        assertThat(paths(pipeline)).containsExactly("spec.steps[1].triggers[0]");
    }

    @Test
    void rejectsStepReadingThePipelinesOwnOutputs() {
        assertThat(paths(Specs.pipeline("p").step("a", s -> s.inputs("p.outputs")).build()))
                .containsExactly("spec.steps[0].inputs[0]");
    }

    @Test
    void rejectsTensorMapKeysThatDoNotNameOneTensorOfAKnownSource() {
        Pipeline pipeline = Specs.pipeline("p").step("a")
                .step("b", s -> s.inputs("a").tensorMap("a", "X").tensorMap("z.outputs.T", "Y")
                        .tensorMap("a.outputs.T", " "))
                .build();

        assertThat(paths(pipeline)).containsExactly("spec.steps[1].tensorMap[\"a\"]",
                "spec.steps[1].tensorMap[\"z.outputs.T\"]", "spec.steps[1].tensorMap[\"a.outputs.T\"]");
    }

    @Test
    void rejectsTensorMapKeysForTensorsTheStepDoesNotRead() {
        Pipeline pipeline = Specs.pipeline("p").step("a").step("c")
                .step("b", s -> s.inputs("a.outputs.x").triggers("c").tensorMap("a.outputs.x", "X")
                        .tensorMap("a.outputs.y", "Y").tensorMap("c.outputs.z", "Z").tensorMap("p.inputs.q", "Q"))
                .step("d", s -> s.tensorMap("p.inputs.q", "Q"))
                .output("b").build();

        assertThat(paths(pipeline)).containsExactly("spec.steps[2].tensorMap[\"a.outputs.y\"]",
                "spec.steps[2].tensorMap[\"c.outputs.z\"]", "spec.steps[2].tensorMap[\"p.inputs.q\"]");
        assertThat(Validator.validate(pipeline).get(0).message()).isEqualTo("unknown tensor \"a.outputs.y\": this"
                + " step does not read it (it reads a.outputs.x), so the rename would never apply");
    }

    @Test
    void rejectsOutputAndInputTensorMapKeysTheyDoNotRead() {
        PipelineStep step = Specs.pipeline("x").step("a").build().spec().steps().get(0);
        Pipeline pipeline = new Pipeline(Metadata.named("p"), new PipelineSpec(List.of(step),
                new PipelineInput(List.of("up.outputs.t"), List.of(), null, null, null,
                        Map.of("up.outputs.t", "IN", "up.outputs.u", "IN2", "up.step.s.outputs.t", "IN3")),
                new PipelineOutput(List.of("a.outputs.o"), 0, null, Map.of("a.outputs.o", "O", "a.outputs.p", "P")),
                null, false, 0));

        assertThat(paths(pipeline)).containsExactlyInAnyOrder("spec.input.tensorMap[\"up.outputs.u\"]",
                "spec.input.tensorMap[\"up.step.s.outputs.t\"]", "spec.output.tensorMap[\"a.outputs.p\"]");
    }

    @Test
    void rejectsNegativeWindowsAndBatchSizes() {
        Pipeline pipeline = Specs.pipeline("p").step("a", s -> s.joinWindowMs(-1).batchSize(-2)).build();

        assertThat(paths(pipeline)).containsExactly("spec.steps[0].joinWindowMs", "spec.steps[0].batch.size");
    }

    @Test
    void inputSectionNeedsWellFormedExternalInputs() {
        Pipeline missing = new Pipeline(Metadata.named("p"), new PipelineSpec(
                List.of(Specs.pipeline("x").step("a").build().spec().steps().get(0)),
                new PipelineInput(List.of(), List.of("other"), -5, null, null, Map.of("other.outputs", "IN")),
                null, null, false, 0));

        assertThat(paths(missing)).containsExactly("spec.input.externalInputs", "spec.input.externalTriggers[0]",
                "spec.input.joinWindowMs", "spec.input.tensorMap[\"other.outputs\"]");
    }

    @Test
    void acceptsReferencesToOtherPipelinesAndTheirSteps() {
        Pipeline pipeline = Specs.pipeline("combined")
                .externalInputs("tfsimple.outputs.OUTPUT0", "tfsimple-extended.step.tfsimple2.outputs")
                .step("tfsimple2").output("tfsimple2").build();

        assertThat(Validator.validate(pipeline)).isEmpty();
    }

    @Test
    void outputMayEchoThePipelinesInputsButNotUnknownSteps() {
        assertThat(Validator.validate(Specs.pipeline("p").step("a").output("a", "p.inputs.X").build())).isEmpty();
        assertThat(paths(Specs.pipeline("p").step("a").output("b").build())).containsExactly("spec.output.steps[0]");
    }

    @Test
    void stepNamesFollowTheModelNameRule() {
        assertThat(Validator.validate(Specs.pipeline("p").step("id1.node").build())).singleElement()
                .satisfies(p -> {
                    assertThat(p.path()).isEqualTo("spec.steps[0].name");
                    assertThat(p.message()).endsWith("; a step name is a model name");
                });
    }

    @Test
    void underscoresInPipelineAndStepNamesAreWarningsNotProblems() {
        Pipeline pipeline = Specs.pipeline("triggers_join").step("id1_node").build();

        assertThat(Validator.validate(pipeline)).isEmpty();
        assertThat(Validator.warnings(pipeline)).extracting(Problem::path)
                .containsExactly("metadata.name", "spec.steps[0].name");
        assertThat(Validator.warnings(pipeline).get(1).message()).endsWith("; a step name is a model name");
    }
}
