package io.trantor.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.temporal.api.history.v1.HistoryEvent;
import io.trantor.control.testing.ControlPlaneExtension;
import io.trantor.control.testing.FakeAgent;
import io.trantor.protocol.control.AgentCommand;
import io.trantor.protocol.control.ApplyRequest;
import io.trantor.protocol.control.ApplyResponse;
import io.trantor.protocol.control.DeleteRequest;
import io.trantor.protocol.control.ListRequest;
import io.trantor.protocol.control.LoadModel;
import io.trantor.protocol.control.ModelReplicaStatus;
import io.trantor.protocol.control.Register;
import io.trantor.protocol.control.ResourceRef;
import io.trantor.protocol.control.ResourceStatus;
import io.trantor.workflows.model.ModelWorkflow;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A model's life through the real control plane, the real ModelWorkflow and fake agents. */
class ModelLifecycleIT {

  @RegisterExtension final ControlPlaneExtension control = ControlPlaneExtension.withSpecStore();

  static final String IRIS = """
      apiVersion: mlops.seldon.io/v1alpha1
      kind: Model
      metadata:
        name: iris
      spec:
        storageUri: gs://seldon-models/scv2/samples/mlserver_1.5.0/iris-sklearn
        requirements: [sklearn]
        memory: 100Ki
        replicas: 2
      """;

  private ApplyResponse apply(String manifest) {
    return control.client().apply(ApplyRequest.newBuilder().setManifest(manifest).setSource("iris.yaml").build());
  }

  private ResourceStatus iris() {
    return control.client().getStatus(ResourceRef.newBuilder().setKind("Model").setName("iris").build());
  }

  private void awaitAvailableOnBothReplicas() {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      ResourceStatus status = iris();
      assertThat(status.getState()).isEqualTo("ModelAvailable");
      assertThat(status.getModel().getAvailableReplicas()).isEqualTo(2);
      assertThat(status.getModel().getReplicasList())
          .extracting(ModelReplicaStatus::getServer, ModelReplicaStatus::getReplicaIndex)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("mlserver", 0), org.assertj.core.groups.Tuple.tuple("mlserver", 1));
    });
  }

  @Test
  void modelBecomesAvailableOnTheTwoConnectedReplicas() throws Exception {
    try (FakeAgent zero = FakeAgent.connect(control.port(), "mlserver", 0);
        FakeAgent one = FakeAgent.connect(control.port(), "mlserver", 1)) {
      await().atMost(Duration.ofSeconds(5)).until(() -> control.controlPlane().cluster().view("default").servers().size() == 1);

      assertThat(apply(IRIS).getResources(0).getAction()).isEqualTo("created");

      awaitAvailableOnBothReplicas();
      assertThat(zero.loaded()).containsExactly("iris_1");
      assertThat(one.loaded()).containsExactly("iris_1");
      assertThat(control.controlPlane().routes().route("default", "iris")).isPresent();
      assertThat(control.client().list(ListRequest.newBuilder().setKind("Model").build()).getItemsList())
          .extracting(s -> s.getRef().getName()).containsExactly("iris");
    }
  }

  @Test
  void explainerGoesToAnAlibiExplainReplicaAndIsToldWhatItExplains() throws Exception {
    Register alibi = Register.newBuilder()
        .setNamespace("default").setServerName("explainers").setReplicaIndex(0).setEndpoint("127.0.0.1:19100")
        .addAllCapabilities(List.of("mlserver", "alibi-explain")).setMemoryBytes(1L << 30).build();
    try (FakeAgent plain = FakeAgent.connect(control.port(), "mlserver", 0);
        FakeAgent explainers = FakeAgent.connect(control.port(), alibi)) {
      await().atMost(Duration.ofSeconds(5)).until(() -> control.controlPlane().cluster().view("default").servers().size() == 2);

      apply("""
          apiVersion: mlops.seldon.io/v1alpha1
          kind: Model
          metadata:
            name: iris-explainer
          spec:
            storageUri: gs://seldon-models/scv2/samples/mlserver_1.5.0/iris-anchor
            explainer:
              type: anchor_tabular
              modelRef: iris
          """);

      await().atMost(Duration.ofSeconds(20)).until(() -> explainers.loaded().contains("iris-explainer_1"));
      assertThat(plain.commands()).isEmpty();
      LoadModel load = explainers.commands().stream().filter(AgentCommand::hasLoad).findFirst().orElseThrow().getLoad();
      assertThat(load.getRequirementsList()).containsExactly("alibi-explain");
      assertThat(load.getExplainerType()).isEqualTo("anchor_tabular");
      assertThat(load.getExplainerModelRef()).isEqualTo("iris");
      assertThat(load.getExplainerPipelineRef()).isEmpty();
    }
  }

  @Test
  void modelAppliedBeforeAnyAgentIsPlacedOnceAgentsJoin() throws Exception {
    apply(IRIS);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(iris().getState()).isEqualTo("ScheduleFailed"));

    try (FakeAgent zero = FakeAgent.connect(control.port(), "mlserver", 0);
        FakeAgent one = FakeAgent.connect(control.port(), "mlserver", 1)) {
      awaitAvailableOnBothReplicas();
    }
  }

  @Test
  void disconnectingAgentSignalsTheModelThatItLostAReplica() throws Exception {
    try (FakeAgent zero = FakeAgent.connect(control.port(), "mlserver", 0);
        FakeAgent one = FakeAgent.connect(control.port(), "mlserver", 1)) {
      apply(IRIS);
      awaitAvailableOnBothReplicas();

      one.disconnect();

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        List<HistoryEvent> events = control.workflowClient()
            .fetchHistory(ModelWorkflow.workflowId("default", "iris")).getEvents();
        assertThat(events).anySatisfy(e -> {
          assertThat(e.hasWorkflowExecutionSignaledEventAttributes()).isTrue();
          var signal = e.getWorkflowExecutionSignaledEventAttributes();
          assertThat(signal.getSignalName()).isEqualTo("clusterChanged");
          assertThat(signal.getInput().getPayloads(0).getData().toStringUtf8())
              .contains("\"replicaIndex\":1").contains("\"lost\":true");
        });
      });
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(iris().getModel().getReplicasList()).noneMatch(r -> r.getReplicaIndex() == 1 && r.getState().equals("Available")));
    }
  }

  @Test
  void watchDeliversTheCurrentStatusThenEachChange() throws Exception {
    try (FakeAgent zero = FakeAgent.connect(control.port(), "mlserver", 0);
        FakeAgent one = FakeAgent.connect(control.port(), "mlserver", 1)) {
      apply(IRIS);
      awaitAvailableOnBothReplicas();
      BlockingQueue<ResourceStatus> seen = new LinkedBlockingQueue<>();
      Context.CancellableContext watch = Context.current().withCancellation();
      watch.run(() -> control.asyncClient().watchStatus(
          ResourceRef.newBuilder().setKind("Model").setName("iris").build(), new StreamObserver<>() {
            @Override
            public void onNext(ResourceStatus status) {
              seen.add(status);
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {}
          }));
      try {
        ResourceStatus first = seen.poll(10, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(first.getState()).isEqualTo("ModelAvailable");

        apply(IRIS.replace("replicas: 2", "replicas: 1"));

        ResourceStatus next = seen.poll(10, TimeUnit.SECONDS);
        assertThat(next).isNotNull();
        assertThat(next).isNotEqualTo(first);
      } finally {
        watch.cancel(null);
      }
    }
  }

  @Test
  void deletedModelIsTerminatedOrGone() throws Exception {
    try (FakeAgent zero = FakeAgent.connect(control.port(), "mlserver", 0);
        FakeAgent one = FakeAgent.connect(control.port(), "mlserver", 1)) {
      apply(IRIS);
      awaitAvailableOnBothReplicas();

      control.client().delete(DeleteRequest.newBuilder()
          .addRefs(ResourceRef.newBuilder().setKind("Model").setName("iris")).build());

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        try {
          assertThat(iris().getState()).isEqualTo("ModelTerminated");
        } catch (StatusRuntimeException e) {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        }
      });
      await().atMost(Duration.ofSeconds(10)).until(() -> zero.loaded().isEmpty() && one.loaded().isEmpty());
      assertThat(control.dataDir().resolve("specs/default/Model/iris.json")).doesNotExist();
    }
  }

  @Test
  void specStoreBringsModelsBackAfterARestartWithANewTemporal() throws Exception {
    apply(IRIS);
    assertThat(control.dataDir().resolve("specs/default/Model/iris.json")).exists();

    control.restart();

    try (FakeAgent zero = FakeAgent.connect(control.port(), "mlserver", 0);
        FakeAgent one = FakeAgent.connect(control.port(), "mlserver", 1)) {
      awaitAvailableOnBothReplicas();
      assertThat(iris().getGeneration()).isEqualTo(1);
    }
  }
}
