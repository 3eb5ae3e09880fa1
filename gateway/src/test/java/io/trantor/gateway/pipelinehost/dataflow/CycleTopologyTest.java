package io.trantor.gateway.pipelinehost.dataflow;

import static io.trantor.gateway.pipelinehost.dataflow.DataflowDriver.TOPICS;
import static io.trantor.gateway.pipelinehost.dataflow.DataflowDriver.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.kafka.RecordHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** Cyclic pipelines ({@code allowCycles}): a request loops until it leaves, or until maxStepRevisits. */
class CycleTopologyTest {
  private static final String LOOP = """
      apiVersion: mlops.seldon.io/v1alpha1
      kind: Pipeline
      metadata: {name: loop}
      spec:
        allowCycles: true
        maxStepRevisits: 2
        steps:
        - name: inc
          inputs: [loop.inputs, check.outputs.again]
          inputsJoinType: any
          tensorMap: {check.outputs.again: x}
        - name: check
          inputs: [inc]
        output: {steps: [check.outputs.done]}
      """;

  private static TestRecord<String, byte[]> only(List<TestRecord<String, byte[]>> records) {
    assertThat(records).hasSize(1);
    return records.get(0);
  }

  @Test
  void requestLoopsThroughTheSameJoinAndLeavesWithoutItsLoopCounters() throws Exception {
    try (DataflowDriver flow = DataflowDriver.ofYaml(LOOP)) {
      flow.request("r1", Tensors.request("x", 0));
      TestRecord<String, byte[]> toInc = only(flow.records(TOPICS.modelInputs("inc")));
      assertThat(header(toInc.headers(), RevisitGuard.VISITS_PREFIX + "inc")).isEqualTo("1");

      flow.answer("inc", toInc, Tensors.response("inc", "x", 1));
      flow.answer("check", only(flow.records(TOPICS.modelInputs("check"))), Tensors.response("check", "again", 1));
      TestRecord<String, byte[]> again = only(flow.records(TOPICS.modelInputs("inc")));
      assertThat(Tensors.of(DataflowDriver.parseRequest(again.value())))
          .containsExactly(java.util.Map.entry("x", List.of(1f)));
      assertThat(header(again.headers(), RevisitGuard.VISITS_PREFIX + "inc")).isEqualTo("2");

      flow.answer("inc", again, Tensors.response("inc", "x", 2));
      flow.answer("check", only(flow.records(TOPICS.modelInputs("check"))), Tensors.response("check", "done", 2));
      TestRecord<String, byte[]> answer = only(flow.records(TOPICS.pipelineOutputs("loop")));
      assertThat(answer.key()).isEqualTo("0.loop.r1");
      assertThat(answer.headers().toArray()).noneMatch(h -> h.key().startsWith(RevisitGuard.VISITS_PREFIX));
    }
  }

  @Test
  void visitBeyondMaxStepRevisitsEndsTheRequestWithSeldonsError() throws Exception {
    try (DataflowDriver flow = DataflowDriver.ofYaml(LOOP)) {
      flow.request("r1", Tensors.request("x", 0));
      TestRecord<String, byte[]> toInc = only(flow.records(TOPICS.modelInputs("inc")));
      for (int round = 1; round <= 3; round++) {
        flow.answer("inc", toInc, Tensors.response("inc", "x", round));
        flow.answer("check", only(flow.records(TOPICS.modelInputs("check"))), Tensors.response("check", "again", round));
        List<TestRecord<String, byte[]>> next = flow.records(TOPICS.modelInputs("inc"));
        if (round < 3) {
          toInc = only(next);
        } else {
          assertThat(next).as("the third revisit is not made").isEmpty();
        }
      }

      TestRecord<String, byte[]> error = only(flow.records(TOPICS.pipelineOutputs("loop")));
      assertThat(header(error.headers(), RecordHeaders.PIPELINE_ERRORS)).isEqualTo("loop");
      assertThat(new String(error.value(), StandardCharsets.UTF_8)).isEqualTo(
          "ERROR: Max step revisits (2) exceeded for request 0.loop.r1 in topic seldon.ns.model.inc.inputs");
    }
  }
}
