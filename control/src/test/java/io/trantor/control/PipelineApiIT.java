package io.trantor.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.trantor.control.testing.ControlPlaneExtension;
import io.trantor.kafka.KafkaSettings;
import io.trantor.kafka.TopicAdmin;
import io.trantor.kafka.broker.EmbeddedKafkaExtension;
import io.trantor.protocol.control.ApplyRequest;
import io.trantor.protocol.control.DeleteRequest;
import io.trantor.protocol.control.PipelineAssignment;
import io.trantor.protocol.control.PipelineBatch;
import io.trantor.protocol.control.PipelineServiceGrpc;
import io.trantor.protocol.control.PipelineStateReport;
import io.trantor.protocol.control.ResourceRef;
import io.trantor.protocol.control.ResourceStatus;
import io.trantor.protocol.control.WatchPipelinesRequest;
import io.trantor.workflows.activity.ModelRoute;
import io.trantor.workflows.activity.ReplicaTarget;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pipelines through the control plane with a real Kafka broker: topics are created, the version
 * reaches a gateway over the PipelineService stream, and the status says what is missing until a
 * gateway runs it and its model is available.
 */
class PipelineApiIT {
  @RegisterExtension @Order(1) static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();

  @RegisterExtension @Order(2)
  final ControlPlaneExtension control = ControlPlaneExtension.create().withKafka(() -> KafkaSettings.plaintext(kafka.bootstrapServers()));

  private static final String CHAIN = """
      apiVersion: mlops.seldon.io/v1alpha1
      kind: Pipeline
      metadata:
        name: chain
      spec:
        steps:
          - name: step-model
        output:
          steps: [step-model]
      """;

  private ManagedChannel gatewayChannel;

  @AfterEach
  void closeGateway() {
    if (gatewayChannel != null) {
      gatewayChannel.shutdownNow();
    }
  }

  private ResourceStatus status(String name) {
    return control.client().getStatus(ResourceRef.newBuilder().setKind("Pipeline").setName(name).build());
  }

  /** A gateway's side of the stream: every batch it is sent. */
  private LinkedBlockingQueue<PipelineBatch> watchAsGateway(String gateway) {
    gatewayChannel = ManagedChannelBuilder.forAddress("127.0.0.1", control.port()).usePlaintext().build();
    LinkedBlockingQueue<PipelineBatch> batches = new LinkedBlockingQueue<>();
    PipelineServiceGrpc.newStub(gatewayChannel).watchPipelines(
        WatchPipelinesRequest.newBuilder().setGateway(gateway).build(), new StreamObserver<>() {
          @Override public void onNext(PipelineBatch batch) { batches.add(batch); }
          @Override public void onError(Throwable t) {}
          @Override public void onCompleted() {}
        });
    return batches;
  }

  private static PipelineAssignment next(LinkedBlockingQueue<PipelineBatch> batches) throws InterruptedException {
    while (true) {
      PipelineBatch batch = batches.poll(20, TimeUnit.SECONDS);
      assertThat(batch).as("a pipeline batch within 20 s").isNotNull();
      if (batch.getAssignmentsCount() > 0) {
        return batch.getAssignments(0);
      }
    }
  }

  @Test
  void aPipelineGetsItsTopicsReachesTheGatewaysAndIsReadyOnceRunningWithItsModelAvailable() throws Exception {
    LinkedBlockingQueue<PipelineBatch> batches = watchAsGateway("gw-1");

    assertThat(control.client().apply(ApplyRequest.newBuilder().setManifest(CHAIN).setSource("chain.yaml").build())
        .getResources(0).getAction()).isEqualTo("created");

    PipelineAssignment assignment = next(batches);
    assertThat(assignment.getName()).isEqualTo("chain");
    assertThat(assignment.getVersion()).isEqualTo(1);
    assertThat(assignment.getSpecJson()).contains("step-model");

    try (TopicAdmin admin = new TopicAdmin(KafkaSettings.plaintext(kafka.bootstrapServers()))) {
      assertThat(admin.listTopics()).contains(
          "seldon.default.pipeline.chain.inputs", "seldon.default.pipeline.chain.outputs",
          "seldon.default.model.step-model.inputs", "seldon.default.model.step-model.outputs");
    }
    ResourceStatus waiting = await().atMost(Duration.ofSeconds(20)).until(() -> status("chain"),
        s -> s.getReason().contains("no gateway running the topology"));
    assertThat(waiting.getState()).isEqualTo("PipelineCreating");
    assertThat(waiting.getReason()).contains("step step-model: model not available");
    assertThat(waiting.getPipeline().getModelsReady()).isFalse();

    PipelineServiceGrpc.newBlockingStub(gatewayChannel).reportPipelineState(PipelineStateReport.newBuilder()
        .setGateway("gw-1").setNamespace("default").setName("chain").setVersion(1).setUid(assignment.getUid())
        .setState("Ready").build());
    control.controlPlane().routes().publish(new ModelRoute("default", "step-model", 1,
        List.of(new ReplicaTarget("mlserver", 0, "127.0.0.1:1"))));

    ResourceStatus ready = await().atMost(Duration.ofSeconds(20)).until(() -> status("chain"),
        s -> s.getState().equals("PipelineReady"));
    assertThat(ready.getPipeline().getModelsReady()).isTrue();
    assertThat(ready.getPipeline().getInputTopic()).isEqualTo("seldon.default.pipeline.chain.inputs");
    assertThat(ready.getPipeline().getGatewaysList()).singleElement()
        .satisfies(g -> assertThat(g.getState()).isEqualTo("Ready"));

    control.client().delete(DeleteRequest.newBuilder().addRefs(
        ResourceRef.newBuilder().setKind("Pipeline").setName("chain")).build());
    PipelineAssignment removed = next(batches);
    assertThat(removed.getRemoved()).isTrue();
    assertThatThrownBy(() -> status("chain")).isInstanceOfSatisfying(StatusRuntimeException.class,
        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void aGatewayThatCannotStartTheTopologyFailsThePipelineWithItsReason() throws Exception {
    LinkedBlockingQueue<PipelineBatch> batches = watchAsGateway("gw-1");
    control.client().apply(ApplyRequest.newBuilder().setManifest(CHAIN).setSource("chain.yaml").build());
    PipelineAssignment assignment = next(batches);

    PipelineServiceGrpc.newBlockingStub(gatewayChannel).reportPipelineState(PipelineStateReport.newBuilder()
        .setGateway("gw-1").setNamespace("default").setName("chain").setVersion(1).setUid(assignment.getUid())
        .setState("Failed").setReason("topic seldon.default.pipeline.chain.inputs is not readable").build());

    ResourceStatus failed = await().atMost(Duration.ofSeconds(20)).until(() -> status("chain"),
        s -> s.getState().equals("PipelineFailed"));
    assertThat(failed.getReason()).contains("gateway gw-1: topic seldon.default.pipeline.chain.inputs is not readable");
  }

  @Test
  void aReadyPipelineWhoseGatewayWentAwaySaysSo() throws Exception {
    LinkedBlockingQueue<PipelineBatch> batches = watchAsGateway("gw-1");
    control.client().apply(ApplyRequest.newBuilder().setManifest(CHAIN).setSource("chain.yaml").build());
    PipelineAssignment assignment = next(batches);
    control.controlPlane().routes().publish(new ModelRoute("default", "step-model", 1,
        List.of(new ReplicaTarget("mlserver", 0, "127.0.0.1:1"))));
    PipelineServiceGrpc.newBlockingStub(gatewayChannel).reportPipelineState(PipelineStateReport.newBuilder()
        .setGateway("gw-1").setNamespace("default").setName("chain").setVersion(1).setUid(assignment.getUid())
        .setState("Ready").build());
    await().atMost(Duration.ofSeconds(20)).until(() -> status("chain"), s -> s.getState().equals("PipelineReady"));

    gatewayChannel.shutdownNow(); // the gateway's stream ends, as when its process dies

    ResourceStatus orphaned = await().atMost(Duration.ofSeconds(20)).until(() -> status("chain"),
        s -> s.getReason().contains("no gateway running the topology"));
    assertThat(orphaned.getPipeline().getGatewaysList()).isEmpty();
  }
}
