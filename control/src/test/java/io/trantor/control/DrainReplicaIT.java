package io.trantor.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.trantor.control.testing.ControlPlaneExtension;
import io.trantor.control.testing.FakeAgent;
import io.trantor.protocol.control.AgentCommand;
import io.trantor.protocol.control.ApplyRequest;
import io.trantor.protocol.control.DrainReplicaRequest;
import io.trantor.protocol.control.DrainReplicaResponse;
import io.trantor.protocol.control.ModelReplicaStatus;
import io.trantor.protocol.control.ResourceRef;
import io.trantor.protocol.control.ResourceStatus;
import io.trantor.protocol.control.ServerReplicaStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** DrainReplica through the real control plane, ServerWorkflow, ModelWorkflow and fake agents. */
class DrainReplicaIT {
  @RegisterExtension final ControlPlaneExtension control = ControlPlaneExtension.create();

  /** ModelLifecycleIT's iris with one replica, so a drain has it to move. */
  private static final String IRIS = ModelLifecycleIT.IRIS.replace("  replicas: 2\n", "");

  @Test
  void drainMovesTheModelLoadingThereBeforeUnloadingHereAndWaitsForInFlightRequests() throws Exception {
    try (FakeAgent zero = FakeAgent.connect(control.port(), "mlserver", 0);
        FakeAgent one = FakeAgent.connect(control.port(), "mlserver", 1)) {
      await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
          .until(() -> control.controlPlane().cluster().view("default").servers().getFirst().replicas().size() == 2);
      control.client().apply(ApplyRequest.newBuilder().setManifest(IRIS).setSource("iris.yaml").build());
      int from = await().atMost(Duration.ofSeconds(20)).until(() -> availableOn(), i -> i >= 0);
      FakeAgent leaving = from == 0 ? zero : one;
      FakeAgent staying = from == 0 ? one : zero;
      leaving.inFlight(2);

      CompletableFuture<DrainReplicaResponse> drained = CompletableFuture.supplyAsync(() -> control.client()
          .drainReplica(DrainReplicaRequest.newBuilder().setServer("mlserver").setReplicaIndex(from).build()));
      await().atMost(Duration.ofSeconds(20)).until(() -> leaving.loaded().isEmpty() && staying.loaded().contains("iris_1"));
      await().atMost(Duration.ofSeconds(20)).until(() -> "AwaitingInFlight".equals(replicaStatus(from).getDrainStep()));
      assertThat(drained).isNotDone();
      leaving.inFlight(0);

      DrainReplicaResponse response = drained.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(response.getMovedModelsList()).containsExactly("iris");
      assertThat(response.getTimedOut()).isFalse();
      assertThat(availableOn()).isEqualTo(1 - from);
      assertThat(replicaStatus(from).getState()).isEqualTo("Draining");
      assertThat(replicaStatus(from).getDrainStep()).isEqualTo("Released");
      // loaded on the staying replica before the leaving one unloaded it
      List<AgentCommand> unloads = leaving.commands().stream().filter(AgentCommand::hasUnload).toList();
      assertThat(unloads).hasSize(1);
      assertThat(staying.commands()).anyMatch(AgentCommand::hasLoad);
    }
  }

  @Test
  void anUnknownServerOrReplicaIsNotFound() throws Exception {
    try (FakeAgent zero = FakeAgent.connect(control.port(), "mlserver", 0)) {
      await().atMost(Duration.ofSeconds(5)).until(() -> !control.controlPlane().cluster().view("default").servers().isEmpty());
      assertThatThrownBy(() -> control.client().drainReplica(
          DrainReplicaRequest.newBuilder().setServer("mlserver").setReplicaIndex(3).build()))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(e.getStatus().getDescription()).isEqualTo("server mlserver has no replica 3 (connected replicas: 0)");
          });
      assertThatThrownBy(() -> control.client().drainReplica(
          DrainReplicaRequest.newBuilder().setServer("nosuch").setReplicaIndex(0).build()))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getDescription()).isEqualTo("server nosuch not found in namespace default"));
    }
  }

  /** The index of the replica iris is Available on, or -1. */
  private int availableOn() {
    ResourceStatus status = control.client().getStatus(ResourceRef.newBuilder().setKind("Model").setName("iris").build());
    if (!status.getState().equals("ModelAvailable") || status.getModel().getReplicasCount() != 1) {
      return -1;
    }
    ModelReplicaStatus replica = status.getModel().getReplicas(0);
    return replica.getState().equals("Available") ? replica.getReplicaIndex() : -1;
  }

  private ServerReplicaStatus replicaStatus(int index) {
    return control.client().getStatus(ResourceRef.newBuilder().setKind("Server").setName("mlserver").build())
        .getServer().getReplicasList().stream().filter(r -> r.getReplicaIndex() == index).findFirst().orElseThrow();
  }
}
