package io.trantor.gateway.pipelinehost.dataflow;

import static io.trantor.gateway.pipelinehost.dataflow.DataflowDriver.TOPICS;
import static io.trantor.gateway.pipelinehost.dataflow.DataflowDriver.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.kafka.RecordHeaders;
import io.trantor.protocol.grpc.ModelInferRequest;
import io.trantor.protocol.grpc.ModelInferResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** Each dataflow behaviour of reference §4.6, through the real topology in a TopologyTestDriver. */
class PipelineTopologyTest {

  @Test
  void chainCarriesTheRequestThroughEveryStepAndAnswersOnThePipelineOutputs() throws Exception {
    try (DataflowDriver flow = DataflowDriver.ofSample("tfsimples.yaml")) {
      flow.request("r1", Tensors.request(Map.of("INPUT0", new float[] {1, 2}, "INPUT1", new float[] {3, 4})));

      List<TestRecord<String, byte[]>> toFirst = flow.records(TOPICS.modelInputs("tfsimple1"));
      assertThat(toFirst).singleElement().satisfies(r -> {
        assertThat(r.key()).isEqualTo("0.tfsimples.r1");
        assertThat(header(r.headers(), RecordHeaders.PIPELINE)).isEqualTo("tfsimples");
        assertThat(header(r.headers(), RecordHeaders.PIPELINE_VERSION)).isEqualTo("1");
        assertThat(header(r.headers(), RecordHeaders.REQUEST_ID)).isEqualTo("r1");
        assertThat(Tensors.names(DataflowDriver.parseRequest(r.value()))).containsExactly("INPUT0", "INPUT1");
      });

      flow.respond("tfsimple1", "r1", Tensors.response("tfsimple1",
          Map.of("OUTPUT0", new float[] {4, 6}, "OUTPUT1", new float[] {-2, -2})));
      // outputs -> inputs: the first model's response becomes the second model's request, renamed by tensorMap.
      assertThat(Tensors.of(flow.requestTo("tfsimple2")))
          .containsExactly(Map.entry("INPUT0", List.of(4f, 6f)), Map.entry("INPUT1", List.of(-2f, -2f)));

      flow.respond("tfsimple2", "r1", Tensors.response("tfsimple2", "OUTPUT0", 8, 12));
      List<TestRecord<String, byte[]>> answers = flow.records(TOPICS.pipelineOutputs("tfsimples"));
      assertThat(answers).singleElement().satisfies(r -> {
        assertThat(r.key()).isEqualTo("0.tfsimples.r1");
        assertThat(Tensors.names(DataflowDriver.parseResponse(r.value()))).containsExactly("OUTPUT0");
      });
    }
  }

  @Test
  void recordsOfOtherPipelinesOnASharedModelTopicAreIgnored() throws Exception {
    try (DataflowDriver flow = DataflowDriver.ofSample("tfsimples.yaml")) {
      flow.send(TOPICS.modelOutputs("tfsimple1"), "0.other.r1", "other",
          Tensors.response("tfsimple1", "OUTPUT0", 1).toByteArray());
      flow.send(TOPICS.modelOutputs("tfsimple1"), "0.none.r2", null,
          Tensors.response("tfsimple1", "OUTPUT0", 1).toByteArray());

      assertThat(flow.requestsTo("tfsimple2")).isEmpty();
    }
  }

  @Test
  void tensorMapRenamesTheSelectedPipelineInputForEachStep() throws Exception {
    try (DataflowDriver flow = DataflowDriver.ofSample("pipeline-inputs.yaml")) {
      flow.request("r1", Tensors.request(Map.of("INPUT0", new float[] {1}, "INPUT1", new float[] {2})));

      assertThat(Tensors.of(flow.requestTo("mul10"))).containsExactly(Map.entry("INPUT", List.of(1f)));
      assertThat(Tensors.of(flow.requestTo("add10"))).containsExactly(Map.entry("INPUT", List.of(2f)));
    }
  }

  @Test
  void innerJoinWaitsForEverySourceAndConcatenatesInSourceOrder() throws Exception {
    try (DataflowDriver flow = DataflowDriver.ofSample("tfsimples-join.yaml")) {
      flow.respond("tfsimple2", "r1", Tensors.response("tfsimple2",
          Map.of("OUTPUT0", new float[] {9}, "OUTPUT1", new float[] {2})));
      assertThat(flow.requestsTo("tfsimple3")).as("one side only").isEmpty();

      flow.respond("tfsimple1", "r1", Tensors.response("tfsimple1",
          Map.of("OUTPUT0", new float[] {1}, "OUTPUT1", new float[] {7})));
      assertThat(Tensors.of(flow.requestTo("tfsimple3")))
          .containsExactly(Map.entry("INPUT0", List.of(1f)), Map.entry("INPUT1", List.of(2f)));
    }
  }

  @Test
  void innerJoinDoesNotMixRequests() throws Exception {
    try (DataflowDriver flow = DataflowDriver.ofSample("tfsimples-join.yaml")) {
      flow.respond("tfsimple1", "r1", Tensors.response("tfsimple1", "OUTPUT0", 1));
      flow.respond("tfsimple2", "r2", Tensors.response("tfsimple2", "OUTPUT1", 2));

      assertThat(flow.requestsTo("tfsimple3")).isEmpty();
    }
  }

  @Test
  void innerJoinForgetsAPartnerOlderThanTheWindow() throws Exception {
    try (DataflowDriver flow = DataflowDriver.ofYaml(joinPipeline("inner", 500))) {
      flow.respond("a", "r1", Tensors.response("a", "x", 1));
      flow.advance(Duration.ofMillis(600));
      flow.respond("b", "r1", Tensors.response("b", "y", 2));

      assertThat(flow.requestsTo("c")).isEmpty();
    }
  }

  @Test
  void outerJoinInsideTheWindowForwardsBothAtOnce() throws Exception {
    try (DataflowDriver flow = DataflowDriver.ofYaml(joinPipeline("outer", 500))) {
      flow.respond("a", "r1", Tensors.response("a", "x", 1));
      flow.advance(Duration.ofMillis(100));
      flow.respond("b", "r1", Tensors.response("b", "y", 2));

      assertThat(Tensors.of(flow.requestTo("c")))
          .containsExactly(Map.entry("x", List.of(1f)), Map.entry("y", List.of(2f)));
      flow.advance(Duration.ofMillis(1000));
      assertThat(flow.requestsTo("c")).as("nothing more when the window closes").isEmpty();
    }
  }

  @Test
  void outerJoinAfterTheWindowForwardsWhatArrivedWithoutWaitingForAnotherRecord() throws Exception {
    try (DataflowDriver flow = DataflowDriver.ofYaml(joinPipeline("outer", 500))) {
      flow.respond("b", "r1", Tensors.response("b", "y", 2));
      flow.advance(Duration.ofMillis(300));
      assertThat(flow.requestsTo("c")).as("window still open").isEmpty();

      flow.advance(Duration.ofMillis(300));
      ModelInferRequest partial = flow.requestTo("c");
      assertThat(Tensors.of(partial)).containsExactly(Map.entry("y", List.of(2f)));
    }
  }

  @Test
  void anyForwardsTheFirstArrivalOnceAndDropsTheLaterOne() throws Exception {
    try (DataflowDriver flow = DataflowDriver.ofYaml(joinPipeline("any", 500))) {
      flow.respond("b", "r1", Tensors.response("b", "y", 2));
      assertThat(Tensors.of(flow.requestTo("c"))).containsExactly(Map.entry("y", List.of(2f)));

      flow.respond("a", "r1", Tensors.response("a", "x", 1));
      assertThat(flow.requestsTo("c")).isEmpty();
    }
  }

  @Test
  void triggerDataNeverReachesTheStepAndTheStepWaitsForTheTrigger() throws Exception {
    try (DataflowDriver flow = DataflowDriver.ofSample("choice.yaml")) {
      flow.request("r1", Tensors.request(Map.of("choice", new float[] {1}, "INPUT", new float[] {5, 6})));
      assertThat(flow.requestsTo("mul10")).as("trigger not there yet").isEmpty();

      flow.respond("choice-is-one", "r1", Tensors.response("choice-is-one", "choice", 1));
      assertThat(Tensors.of(flow.requestTo("mul10"))).containsExactly(Map.entry("INPUT", List.of(5f, 6f)));
      // choice-is-two answered with no tensor named "choice": its branch stays silent.
      flow.respond("choice-is-two", "r1", Tensors.response("choice-is-two", "other", 0));
      assertThat(flow.requestsTo("add10")).isEmpty();
    }
  }

  @Test
  void triggersFromTheRequestItselfFireWithAnyOfTheirTensors() throws Exception {
    try (DataflowDriver flow = DataflowDriver.ofSample("trigger-joins.yaml")) {
      flow.request("r1", Tensors.request(Map.of("ok1", new float[] {1}, "INPUT", new float[] {1, 2})));

      assertThat(Tensors.of(flow.requestTo("mul10"))).containsExactly(Map.entry("INPUT", List.of(1f, 2f)));
      assertThat(flow.requestsTo("add10")).as("ok3 absent").isEmpty();
    }
  }

  @Test
  void conditionalBranchWhoseTensorIsAbsentDoesNotRun() throws Exception {
    try (DataflowDriver flow = DataflowDriver.ofSample("conditional.yaml")) {
      flow.request("r1", Tensors.request("INPUT0", 1, 2));
      flow.requestsTo("conditional");
      flow.respond("conditional", "r1", Tensors.response("conditional", "OUTPUT0", 1, 2));

      assertThat(Tensors.of(flow.requestTo("mul10"))).containsExactly(Map.entry("INPUT", List.of(1f, 2f)));
      assertThat(flow.requestsTo("add10")).isEmpty();

      flow.respond("mul10", "r1", Tensors.response("mul10", "OUTPUT", 10, 20));
      assertThat(flow.answers()).singleElement()
          .satisfies(answer -> assertThat(Tensors.names(answer)).containsExactly("OUTPUT"));
    }
  }

  @Test
  void pipelineInputsReferencedFromADeepStepJoinWithThatStepsParent() throws Exception {
    String yaml = """
        apiVersion: mlops.seldon.io/v1alpha1
        kind: Pipeline
        metadata: {name: deep}
        spec:
          steps:
          - name: a
          - name: b
            inputs: [a]
          - name: c
            inputs: [b.outputs.out, deep.inputs.extra]
          output: {steps: [c]}
        """;
    try (DataflowDriver flow = DataflowDriver.ofYaml(yaml)) {
      flow.request("r1", Tensors.request(Map.of("in", new float[] {1}, "extra", new float[] {42})));
      flow.respond("a", "r1", Tensors.response("a", "mid", 2));
      assertThat(Tensors.of(flow.requestTo("b"))).containsExactly(Map.entry("mid", List.of(2f)));

      flow.respond("b", "r1", Tensors.response("b", "out", 3));
      assertThat(Tensors.of(flow.requestTo("c")))
          .containsExactly(Map.entry("out", List.of(3f)), Map.entry("extra", List.of(42f)));
    }
  }

  @Test
  void inputSectionJoinsTwoUpstreamPipelinesIntoThisPipelinesInputs() throws Exception {
    try (DataflowDriver flow = DataflowDriver.ofSample("tfsimple-combined-step.yaml")) {
      String key = "0.tfsimple.r1";
      flow.send(TOPICS.modelOutputs("tfsimple2"), key, "tfsimple-extended",
          Tensors.response("tfsimple2", Map.of("OUTPUT0", new float[] {2}, "OUTPUT1", new float[] {0})).toByteArray());
      assertThat(flow.requestsTo("tfsimple2")).as("waiting for tfsimple-extended2").isEmpty();
      flow.send(TOPICS.modelOutputs("tfsimple2"), key, "tfsimple-extended2",
          Tensors.response("tfsimple2", Map.of("OUTPUT0", new float[] {3}, "OUTPUT1", new float[] {0})).toByteArray());

      List<TestRecord<String, byte[]>> inputs = flow.records(TOPICS.pipelineInputs("tfsimple-combined-step"));
      assertThat(inputs).singleElement().satisfies(r -> {
        assertThat(r.key()).isEqualTo(key);
        assertThat(header(r.headers(), RecordHeaders.PIPELINE)).isEqualTo("tfsimple-combined-step");
        assertThat(Tensors.of(DataflowDriver.parseRequest(r.value())))
            .containsExactly(Map.entry("INPUT0", List.of(2f)), Map.entry("INPUT1", List.of(3f)));
      });
      // The pipeline's own step then reads that record from its inputs topic.
      assertThat(Tensors.names(flow.requestTo("tfsimple2"))).containsExactly("INPUT0", "INPUT1");
    }
  }

  @Test
  void externalTriggerGatesAnotherPipelinesOutputsIntoThisPipelinesInputs() throws Exception {
    try (DataflowDriver flow = DataflowDriver.ofSample("tfsimple-combined-trigger.yaml")) {
      String key = "0.tfsimple.r1";
      flow.send(TOPICS.pipelineOutputs("tfsimple-extended"), key, "tfsimple-extended",
          Tensors.response("tfsimple2", Map.of("OUTPUT0", new float[] {2}, "OUTPUT1", new float[] {4})).toByteArray());
      assertThat(flow.records(TOPICS.pipelineInputs("tfsimple-combined-trigger"))).as("no trigger yet").isEmpty();

      flow.send(TOPICS.pipelineOutputs("tfsimple-extended2"), key, "tfsimple-extended2",
          Tensors.response("tfsimple2", "TRIGGERED", 1).toByteArray());
      List<TestRecord<String, byte[]>> inputs = flow.records(TOPICS.pipelineInputs("tfsimple-combined-trigger"));
      assertThat(inputs).singleElement().satisfies(r -> assertThat(Tensors.of(DataflowDriver.parseRequest(r.value())))
          .containsExactly(Map.entry("INPUT0", List.of(2f)), Map.entry("INPUT1", List.of(4f))));
    }
  }

  @Test
  void outputWithoutStepsEchoesTheRequestAsAResponse() throws Exception {
    String yaml = """
        apiVersion: mlops.seldon.io/v1alpha1
        kind: Pipeline
        metadata: {name: echo}
        spec:
          steps: [{name: side}]
          output: {steps: [echo.inputs.keep], tensorMap: {echo.inputs.keep: kept}}
        """;
    try (DataflowDriver flow = DataflowDriver.ofYaml(yaml)) {
      flow.request("r1", Tensors.request(Map.of("keep", new float[] {7}, "drop", new float[] {8})));

      ModelInferResponse answer = flow.answers().get(0);
      assertThat(Tensors.names(answer)).containsExactly("kept");
      assertThat(answer.getOutputs(0).getContents().getFp32ContentsList()).containsExactly(7f);
      assertThat(answer.getOutputs(0).getShapeList()).containsExactly(1L);
    }
  }

  @Test
  void errorOfThisPipelineEndsTheRequestOnItsOutputsWithTheErrorHeader() throws Exception {
    try (DataflowDriver flow = DataflowDriver.ofSample("iris.yaml")) {
      byte[] text = "model iris failed: bad input".getBytes(StandardCharsets.UTF_8);
      flow.send(TOPICS.errors(), "0.iris-pipeline.r1", "iris-pipeline", text,
          new RecordHeader(RecordHeaders.PIPELINE_ERRORS, "iris".getBytes(StandardCharsets.UTF_8)));
      flow.send(TOPICS.errors(), "0.other.r2", "other", text,
          new RecordHeader(RecordHeaders.PIPELINE_ERRORS, "x".getBytes(StandardCharsets.UTF_8)));

      List<TestRecord<String, byte[]>> out = flow.records(TOPICS.pipelineOutputs("iris-pipeline"));
      assertThat(out).singleElement().satisfies(r -> {
        assertThat(r.key()).isEqualTo("0.iris-pipeline.r1");
        assertThat(r.value()).isEqualTo(text);
        assertThat(header(r.headers(), RecordHeaders.PIPELINE_ERRORS)).isEqualTo("iris");
      });
    }
  }

  @Test
  void explainerHeadersAreDroppedAndClientHeadersKept() throws Exception {
    try (DataflowDriver flow = DataflowDriver.ofSample("iris.yaml")) {
      flow.send(TOPICS.pipelineInputs("iris-pipeline"), "0.iris-pipeline.r1", "iris-pipeline",
          Tensors.request("predict", 1, 2, 3, 4).toByteArray(),
          new RecordHeader(HeaderStamp.ALIBI_TYPE, "x".getBytes(StandardCharsets.UTF_8)),
          new RecordHeader("x-custom", "kept".getBytes(StandardCharsets.UTF_8)));

      assertThat(flow.records(TOPICS.modelInputs("iris"))).singleElement().satisfies(r -> {
        assertThat(r.headers().lastHeader(HeaderStamp.ALIBI_TYPE)).isNull();
        assertThat(header(r.headers(), "x-custom")).isEqualTo("kept");
      });
    }
  }

  @Test
  void undecodableRecordIsSkippedAndTheNextOneFlows() throws Exception {
    try (DataflowDriver flow = DataflowDriver.ofSample("pipeline-inputs.yaml")) {
      flow.send(TOPICS.pipelineInputs("pipeline-inputs"), "0.pipeline-inputs.bad", "pipeline-inputs",
          new byte[] {(byte) 0xff, 0x01, 0x02});
      flow.request("r2", Tensors.request("INPUT0", 1));

      assertThat(flow.requestsTo("mul10")).hasSize(1);
    }
  }

  @Test
  void largeTensorCrossesAChainIntact() throws Exception {
    byte[] big = new byte[12 * 1024 * 1024];
    new java.util.Random(7).nextBytes(big);
    try (DataflowDriver flow = DataflowDriver.ofSample("tfsimples.yaml")) {
      flow.respond("tfsimple1", "r1", Tensors.rawResponse("tfsimple1", "OUTPUT0", big));

      ModelInferRequest next = flow.requestTo("tfsimple2");
      assertThat(Tensors.names(next)).containsExactly("INPUT0");
      assertThat(next.getRawInputContents(0).toByteArray()).isEqualTo(big);
    }
  }

  @Test
  void outputJoinOfTwoStepsAnswersWithBothTensors() throws Exception {
    try (DataflowDriver flow = DataflowDriver.ofSample("pipeline-inputs.yaml")) {
      flow.respond("mul10", "r1", Tensors.response("mul10", "OUTPUT", 10));
      assertThat(flow.answers()).isEmpty();
      flow.respond("add10", "r1", Tensors.response("add10", "OUTPUT", 11));

      ModelInferResponse answer = flow.answers().get(0);
      assertThat(Tensors.names(answer)).containsExactly("OUTPUT", "OUTPUT");
    }
  }

  private static String joinPipeline(String joinType, int windowMs) {
    return """
        apiVersion: mlops.seldon.io/v1alpha1
        kind: Pipeline
        metadata: {name: j}
        spec:
          steps:
          - name: a
          - name: b
          - name: c
            inputs: [a, b]
            inputsJoinType: %s
            joinWindowMs: %d
          output: {steps: [c]}
        """.formatted(joinType, windowMs);
  }
}
