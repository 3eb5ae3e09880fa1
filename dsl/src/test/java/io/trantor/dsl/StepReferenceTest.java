package io.trantor.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.dsl.StepReference.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StepReferenceTest {

    @Test
    void bareStepNameMeansItsOutputs() {
        assertThat(StepReference.parse("tfsimple1")).contains(new StepReference("tfsimple1", Direction.OUTPUTS, null));
        assertThat(StepReference.parse("tfsimple1").orElseThrow()).hasToString("tfsimple1.outputs");
    }

    @Test
    void parsesDirectionAndTensor() {
        assertThat(StepReference.parse("tfsimple1.inputs.INPUT0"))
                .contains(new StepReference("tfsimple1", Direction.INPUTS, "INPUT0"));
        assertThat(StepReference.parse("choice.outputs"))
                .contains(new StepReference("choice", Direction.OUTPUTS, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ".outputs", "a.output", "a.outputs.", "a.b.c", " a", "a..outputs"})
    void rejectsMalformedReferences(String text) {
        assertThat(StepReference.parse(text)).isEmpty();
    }

    @Test
    void parsesReferencesToOtherPipelinesAndTheirSteps() {
        assertThat(PipelineReference.parse("tfsimple.outputs"))
                .contains(new PipelineReference("tfsimple", null, Direction.OUTPUTS, null));
        assertThat(PipelineReference.parse("tfsimple-extended.step.tfsimple2.outputs.OUTPUT0"))
                .contains(new PipelineReference("tfsimple-extended", "tfsimple2", Direction.OUTPUTS, "OUTPUT0"));
        assertThat(PipelineReference.parse("p.step.s.inputs").orElseThrow()).hasToString("p.step.s.inputs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tfsimple", "p.step.s", "p.step.s.outputs.T.x", "p.result", "p.outputs.T.x", "p..outputs"})
    void rejectsMalformedPipelineReferencesAsSeldonDoes(String text) {
        assertThat(PipelineReference.parse(text)).isEmpty();
    }
}
