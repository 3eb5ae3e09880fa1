package io.trantor.compiler.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trantor.dsl.JoinType;
import io.trantor.dsl.Pipeline;
import io.trantor.dsl.PipelineSpec;
import io.trantor.dsl.ReadResult;
import io.trantor.dsl.Validator;
import io.trantor.dsl.testing.SampleManifests;
import io.trantor.dsl.testing.Specs;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PipelinePlannerTest {
  private static final TopicNames TOPICS = TopicNames.of("seldon-mesh");

  static Stream<String> acceptedPipelineSamples() {
    return SampleManifests.accepted().stream().filter(s -> s.startsWith("pipelines/"));
  }

  private static Pipeline sample(String relative) {
    ReadResult read = SampleManifests.read(relative);
    assertThat(read.problems()).as(relative).isEmpty();
    return read.ofType(Pipeline.class).get(0);
  }

  private static PipelinePlan plan(String relative) {
    return PipelinePlanner.plan(sample(relative), 1, "uid1", TOPICS);
  }

  private static FlowSource source(String topic, String pipeline, Payload payload, List<String> tensors,
                                   Map<String, String> renames) {
    return new FlowSource(topic, pipeline, payload, tensors, renames);
  }

  @ParameterizedTest
  @MethodSource("acceptedPipelineSamples")
  void everyAcceptedSamplePlansWithAFlowPerStepWritingItsModelInputs(String relative) {
    Pipeline pipeline = sample(relative);
    PipelinePlan plan = PipelinePlanner.plan(pipeline, 3, "abc", TOPICS);

    assertThat(plan.name()).isEqualTo(pipeline.metadata().name());
    assertThat(plan.stepModels()).containsExactlyElementsOf(
        pipeline.spec().steps().stream().map(s -> s.name()).toList());
    for (String model : plan.stepModels()) {
      assertThat(plan.flow("step-" + model).sink()).isEqualTo(TOPICS.modelInputs(model));
    }
    assertThat(plan.flows()).allSatisfy(flow -> {
      assertThat(plan.topics()).contains(flow.sink());
      flow.inputs().forEach(s -> assertThat(plan.topics()).contains(s.topic()));
      flow.triggers().forEach(s -> assertThat(plan.topics()).contains(s.topic()));
    });
    assertThat(plan.flow("pipeline-errors").sink()).isEqualTo(plan.outputsTopic());
  }

  @Test
  void chainReadsThePipelineInputsThenThePreviousStepsOutputsRenamed() {
    PipelinePlan plan = plan("pipelines/tfsimples.yaml");

    assertThat(plan.flow("step-tfsimple1").inputs()).containsExactly(source(
        "seldon.seldon-mesh.pipeline.tfsimples.inputs", "tfsimples", Payload.REQUEST, List.of(), Map.of()));
    assertThat(plan.flow("step-tfsimple2").inputs()).containsExactly(source(
        "seldon.seldon-mesh.model.tfsimple1.outputs", "tfsimples", Payload.RESPONSE, List.of(),
        Map.of("OUTPUT0", "INPUT0", "OUTPUT1", "INPUT1")));
    Flow output = plan.flow("pipeline-output");
    assertThat(output.inputs()).extracting(FlowSource::topic)
        .containsExactly("seldon.seldon-mesh.model.tfsimple2.outputs");
    assertThat(output.sink()).isEqualTo("seldon.seldon-mesh.pipeline.tfsimples.outputs");
    assertThat(output.sinkPayload()).isEqualTo(Payload.RESPONSE);
    assertThat(plan.topics()).containsExactlyInAnyOrder(
        "seldon.seldon-mesh.pipeline.tfsimples.inputs", "seldon.seldon-mesh.pipeline.tfsimples.outputs",
        "seldon.seldon-mesh.model.tfsimple1.inputs", "seldon.seldon-mesh.model.tfsimple1.outputs",
        "seldon.seldon-mesh.model.tfsimple2.inputs", "seldon.seldon-mesh.model.tfsimple2.outputs",
        "seldon.seldon-mesh.errors.errors");
    assertThat(plan.inputsTopic()).isEqualTo("seldon.seldon-mesh.pipeline.tfsimples.inputs");
  }

  @Test
  void joinOfTwoStepsHasOneSourcePerStepAndTheEngineDefaultWindow() {
    Flow join = plan("pipelines/tfsimples-join.yaml").flow("step-tfsimple3");

    assertThat(join.inputs()).extracting(FlowSource::topic, FlowSource::tensors).containsExactly(
        org.assertj.core.groups.Tuple.tuple("seldon.seldon-mesh.model.tfsimple1.outputs", List.of("OUTPUT0")),
        org.assertj.core.groups.Tuple.tuple("seldon.seldon-mesh.model.tfsimple2.outputs", List.of("OUTPUT1")));
    assertThat(join.inputsJoin()).isEqualTo(JoinType.INNER);
    assertThat(join.joins()).isTrue();
    assertThat(join.joinWindowMs()).isEqualTo(PipelineSpec.ENGINE_DEFAULT_JOIN_WINDOW_MS);
  }

  @Test
  void conditionalBranchesSelectOneTensorEachAndTheOutputTakesAny() {
    PipelinePlan plan = plan("pipelines/conditional.yaml");

    assertThat(plan.flow("step-mul10").inputs()).containsExactly(source(
        "seldon.seldon-mesh.model.conditional.outputs", "tfsimple-conditional", Payload.RESPONSE,
        List.of("OUTPUT0"), Map.of("OUTPUT0", "INPUT")));
    assertThat(plan.flow("step-add10").inputs().get(0).tensors()).containsExactly("OUTPUT1");
    assertThat(plan.flow("pipeline-output").inputsJoin()).isEqualTo(JoinType.ANY);
  }

  @Test
  void triggersOfOneTopicAreOneSourceAndNeverInputs() {
    PipelinePlan plan = plan("pipelines/trigger-joins.yaml");

    Flow mul10 = plan.flow("step-mul10");
    assertThat(mul10.inputs()).containsExactly(source("seldon.seldon-mesh.pipeline.trigger-joins.inputs",
        "trigger-joins", Payload.REQUEST, List.of("INPUT"), Map.of()));
    assertThat(mul10.triggers()).containsExactly(source("seldon.seldon-mesh.pipeline.trigger-joins.inputs",
        "trigger-joins", Payload.REQUEST, List.of("ok1", "ok2"), Map.of()));
    assertThat(mul10.triggersJoin()).isEqualTo(JoinType.ANY);
    assertThat(plan.flow("step-add10").triggers().get(0).tensors()).containsExactly("ok3");
  }

  @Test
  void stepTriggeredByAnotherStepWaitsForItsOutputs() {
    Flow add10 = plan("pipelines/outlier.yaml").flow("step-add10");

    assertThat(add10.triggers()).extracting(FlowSource::topic)
        .containsExactly("seldon.seldon-mesh.model.outlier-error.outputs");
    assertThat(add10.inputs()).extracting(FlowSource::topic)
        .containsExactly("seldon.seldon-mesh.pipeline.outlier.inputs");
  }

  @Test
  void pipelineInputTensorsAreReadByTheStepsThatNameThem() {
    PipelinePlan plan = plan("pipelines/pipeline-inputs.yaml");

    assertThat(plan.flow("step-mul10").inputs()).containsExactly(source(
        "seldon.seldon-mesh.pipeline.pipeline-inputs.inputs", "pipeline-inputs", Payload.REQUEST,
        List.of("INPUT0"), Map.of("INPUT0", "INPUT")));
    assertThat(plan.flow("step-add10").inputs().get(0).renames()).isEqualTo(Map.of("INPUT1", "INPUT"));
  }

  @Test
  void stepInputsReferenceReadsThatStepsModelInputsTopic() {
    Flow tfsimple2 = plan("pipelines/tfsimples-input.yaml").flow("step-tfsimple2");

    assertThat(tfsimple2.inputs()).extracting(FlowSource::topic, FlowSource::payload).containsExactly(
        org.assertj.core.groups.Tuple.tuple("seldon.seldon-mesh.model.tfsimple1.inputs", Payload.REQUEST),
        org.assertj.core.groups.Tuple.tuple("seldon.seldon-mesh.model.tfsimple1.outputs", Payload.RESPONSE));
  }

  @Test
  void inputSectionReadsOtherPipelinesKeepingTheirRecordsAndFeedsThisPipelinesInputs() {
    PipelinePlan plan = plan("pipelines/tfsimple-combined-step.yaml");

    Flow input = plan.flow("pipeline-input");
    assertThat(input.role()).isEqualTo(Flow.Role.INPUT);
    // One model topic, two source pipelines: two sources, each with its own rename.
    assertThat(input.inputs()).containsExactly(
        source("seldon.seldon-mesh.model.tfsimple2.outputs", "tfsimple-extended", Payload.RESPONSE,
            List.of("OUTPUT0"), Map.of("OUTPUT0", "INPUT0")),
        source("seldon.seldon-mesh.model.tfsimple2.outputs", "tfsimple-extended2", Payload.RESPONSE,
            List.of("OUTPUT0"), Map.of("OUTPUT0", "INPUT1")));
    assertThat(input.sink()).isEqualTo("seldon.seldon-mesh.pipeline.tfsimple-combined-step.inputs");
    assertThat(input.sinkPayload()).isEqualTo(Payload.REQUEST);
  }

  @Test
  void externalTriggersAndPipelineOutputsReferences() {
    Flow input = plan("pipelines/tfsimple-combined-trigger.yaml").flow("pipeline-input");

    assertThat(input.inputs()).containsExactly(source("seldon.seldon-mesh.pipeline.tfsimple-extended.outputs",
        "tfsimple-extended", Payload.RESPONSE, List.of(), Map.of("OUTPUT0", "INPUT0", "OUTPUT1", "INPUT1")));
    assertThat(input.triggers()).containsExactly(source("seldon.seldon-mesh.pipeline.tfsimple-extended2.outputs",
        "tfsimple-extended2", Payload.RESPONSE, List.of(), Map.of()));
  }

  @Test
  void errorsOfThisPipelineAlwaysReachItsOutputsUnchanged() {
    Flow errors = plan("pipelines/iris.yaml").flow("pipeline-errors");

    assertThat(errors.inputs()).containsExactly(source("seldon.seldon-mesh.errors.errors", "iris-pipeline",
        Payload.ERROR_TEXT, List.of(), Map.of()));
    assertThat(errors.sink()).isEqualTo("seldon.seldon-mesh.pipeline.iris-pipeline.outputs");
    assertThat(errors.sinkPayload()).isEqualTo(Payload.ERROR_TEXT);
  }

  @Test
  void batchSizeAndWindowsAreCarried() {
    PipelinePlan plan = PipelinePlanner.plan(Specs.pipeline("p")
        .step("a", s -> s.batchSize(20))
        .step("b", s -> s.inputs("a", "p.inputs.x").inputsJoinType(JoinType.OUTER).joinWindowMs(250))
        .output("b").build(), 2, "u", TopicNames.of(null));

    assertThat(plan.flow("step-a").batchSize()).isEqualTo(20);
    assertThat(plan.flow("step-b").joinWindowMs()).isEqualTo(250);
    assertThat(plan.flow("step-b").inputsJoin()).isEqualTo(JoinType.OUTER);
    assertThat(plan.namespace()).isEqualTo("default");
    assertThat(plan.version()).isEqualTo(2);
  }

  @Test
  void referencesToTheSameTopicWithAndWithoutTensorKeepEveryTensor() {
    PipelinePlan plan = PipelinePlanner.plan(Specs.pipeline("p")
        .step("a").step("b", s -> s.inputs("a.outputs.x", "a")).build(), 1, "u", TOPICS);

    assertThat(plan.flow("step-b").inputs()).singleElement()
        .satisfies(s -> assertThat(s.tensors()).isEmpty());
  }

  @Test
  void outputWithoutStepsEchoesThePipelineInputsAndNoOutputSectionMeansNoOutputFlow() {
    assertThat(PipelinePlanner.plan(Specs.pipeline("p").step("a").output().build(), 1, "u", TOPICS)
        .flow("pipeline-output").inputs()).extracting(FlowSource::topic)
        .containsExactly("seldon.seldon-mesh.pipeline.p.inputs");
    PipelinePlan async = PipelinePlanner.plan(Specs.pipeline("p").step("a").build(), 1, "u", TOPICS);
    assertThat(async.flows()).extracting(Flow::name).containsExactly("step-a", "pipeline-errors");
    assertThat(async.topics()).contains("seldon.seldon-mesh.pipeline.p.outputs");
  }

  @Test
  void planIsDeterministic() {
    Pipeline pipeline = sample("pipelines/tfsimples-join-outlier.yaml");
    assertThat(PipelinePlanner.plan(pipeline, 1, "u", TOPICS))
        .isEqualTo(PipelinePlanner.plan(pipeline, 1, "u", TOPICS));
    assertThat(PipelinePlanner.plan(pipeline, 1, "u", TOPICS).describe())
        .contains("step-tfsimple3: [seldon.seldon-mesh.model.tfsimple1.outputs[OUTPUT0]@joincheck");
  }

  @Test
  void malformedReferenceOfAnUnvalidatedPipelineNamesTheField() {
    Pipeline bad = Specs.pipeline("p").step("a", s -> s.inputs("a.sideways")).build();
    assertThat(Validator.validate(bad)).isNotEmpty();
    assertThatThrownBy(() -> PipelinePlanner.plan(bad, 1, "u", TOPICS))
        .hasMessageContaining("spec.steps[0].inputs[0]").hasMessageContaining("a.sideways");
  }
}
