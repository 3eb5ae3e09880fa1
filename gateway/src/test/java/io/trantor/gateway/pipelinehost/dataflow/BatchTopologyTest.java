package io.trantor.gateway.pipelinehost.dataflow;

import static io.trantor.gateway.pipelinehost.dataflow.DataflowDriver.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.protocol.grpc.ModelInferRequest;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** Step {@code batch}: requests stacked along the first dimension before the model is called. */
class BatchTopologyTest {

  @Test
  void stepCallsTheModelOnceWithBothRequestsStackedUnderTheLastKey() throws Exception {
    try (DataflowDriver flow = DataflowDriver.ofSample("iris-batch.yaml")) {
      flow.request("r1", Tensors.rows("r1", "predict", 1, 1, 2, 3, 4));
      assertThat(flow.requestsTo("iris")).as("one row of two").isEmpty();

      flow.request("r2", Tensors.rows("r2", "predict", 1, 5, 6, 7, 8));
      List<TestRecord<String, byte[]>> sent = flow.records(TOPICS.modelInputs("iris"));
      assertThat(sent).singleElement().satisfies(r -> {
        assertThat(r.key()).isEqualTo("0.iris-batch.r2");
        ModelInferRequest batch = DataflowDriver.parseRequest(r.value());
        assertThat(batch.getId()).isEqualTo("r2");
        assertThat(batch.getInputs(0).getShapeList()).containsExactly(2L, 4L);
        assertThat(batch.getInputs(0).getContents().getFp32ContentsList())
            .containsExactly(1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f);
      });

      flow.request("r3", Tensors.rows("r3", "predict", 1, 9, 9, 9, 9));
      assertThat(flow.requestsTo("iris")).as("a new batch starts").isEmpty();
    }
  }

  @Test
  void incompleteBatchIsSentWhenItsWindowCloses() throws Exception {
    String yaml = """
        apiVersion: mlops.seldon.io/v1alpha1
        kind: Pipeline
        metadata: {name: slow}
        spec:
          steps:
          - name: drift
            batch: {size: 10, windowMs: 500}
        """;
    try (DataflowDriver flow = DataflowDriver.ofYaml(yaml)) {
      flow.request("r1", Tensors.rows("r1", "x", 1, 1, 2));
      flow.advance(Duration.ofMillis(200));
      assertThat(flow.requestsTo("drift")).isEmpty();

      flow.advance(Duration.ofMillis(400));
      assertThat(flow.requestTo("drift").getInputs(0).getShapeList()).containsExactly(1L, 2L);
    }
  }

  @Test
  void requestsWithOtherTensorsAreNotStackedTogether() throws Exception {
    try (DataflowDriver flow = DataflowDriver.ofSample("iris-batch.yaml")) {
      flow.request("r1", Tensors.rows("r1", "predict", 1, 1, 2, 3, 4));
      flow.request("r2", Tensors.rows("r2", "other", 1, 5, 6, 7, 8));

      assertThat(flow.requestTo("iris").getInputs(0).getName()).isEqualTo("predict");
    }
  }
}
