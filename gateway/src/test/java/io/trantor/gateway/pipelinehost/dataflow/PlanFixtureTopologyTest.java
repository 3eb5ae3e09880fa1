package io.trantor.gateway.pipelinehost.dataflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.TextFormat;
import io.trantor.gateway.pipelinehost.plan.PipelinePlan;
import io.trantor.gateway.pipelinehost.plan.PlanMessages;
import io.trantor.protocol.control.PipelinePlanMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * The gateway runs the plan it is sent, with no control plane, compiler or spec: a plan message from
 * a fixture becomes the topology it describes.
 */
class PlanFixtureTopologyTest {

  private static PipelinePlanMessage fixture(String name) throws IOException {
    try (InputStream in = PlanFixtureTopologyTest.class.getResourceAsStream("/plans/" + name)) {
      PipelinePlanMessage.Builder message = PipelinePlanMessage.newBuilder();
      TextFormat.merge(new String(in.readAllBytes(), StandardCharsets.UTF_8), message);
      return message.build();
    }
  }

  @Test
  void theTopologyReadsAndWritesTheTopicsOfThePlan() throws IOException {
    PipelinePlan plan = PlanMessages.read(fixture("join.textproto"));
    assertThat(plan.stepModels()).containsExactly("a", "b");

    TopologyDescription description = PipelineTopology.build(plan).describe();
    Set<String> sources = new TreeSet<>();
    Set<String> sinks = new TreeSet<>();
    Set<String> nodes = new TreeSet<>();
    for (TopologyDescription.Subtopology sub : description.subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        nodes.add(node.name());
        if (node instanceof TopologyDescription.Source source) {
          sources.addAll(source.topicSet());
        } else if (node instanceof TopologyDescription.Sink sink) {
          sinks.add(sink.topic());
        }
      }
    }
    assertThat(sources).containsExactlyInAnyOrder("seldon.ns.pipeline.join.inputs", "seldon.ns.model.a.outputs",
        "seldon.ns.model.b.outputs", "seldon.ns.errors.errors");
    assertThat(sinks).containsExactlyInAnyOrder("seldon.ns.model.a.inputs", "seldon.ns.model.b.inputs",
        "seldon.ns.pipeline.join.outputs");
    assertThat(nodes).anyMatch(n -> n.contains("step-a")).anyMatch(n -> n.contains("step-b"))
        .anyMatch(n -> n.contains("pipeline-output")).anyMatch(n -> n.contains("pipeline-errors"));
  }

  @Test
  void theTopologyJoinsAndRenamesAsThePlanSays() throws Exception {
    try (DataflowDriver flow = DataflowDriver.of(PlanMessages.read(fixture("join.textproto")))) {
      flow.request("r1", Tensors.request("IN", 1, 2));
      assertThat(flow.requestsTo("a")).hasSize(1);
      assertThat(flow.requestsTo("b")).hasSize(1);

      flow.respond("a", "r1", Tensors.response("a", "OUT_A", 3));
      assertThat(flow.answers()).isEmpty(); // inner join: b has not answered yet
      flow.respond("b", "r1", Tensors.response("b", Map.of("OUT_B", new float[] {4}, "OTHER", new float[] {5})));

      assertThat(flow.answers()).singleElement()
          .satisfies(answer -> assertThat(Tensors.names(answer)).containsExactlyInAnyOrder("OUT_A", "SUM"));
    }
  }

  @Test
  void aPlanFormatThisGatewayDoesNotKnowIsRefused() throws IOException {
    PipelinePlanMessage newer = fixture("join.textproto").toBuilder().setPlanFormatVersion(2).build();
    assertThatThrownBy(() -> PlanMessages.read(newer)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("plan format 2");
    assertThat(List.of(PlanMessages.FORMAT_VERSION)).containsExactly(1);
  }
}
