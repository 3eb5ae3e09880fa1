package io.trantor.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.trantor.control.testing.ControlPlaneExtension;
import io.trantor.control.testing.FakeAgent;
import io.trantor.protocol.control.AgentCommand;
import io.trantor.protocol.control.ApplyRequest;
import io.trantor.protocol.control.ResourceRef;
import io.trantor.protocol.control.ResourceStatus;
import io.trantor.protocol.control.RouteBatch;
import io.trantor.protocol.control.RouteServiceGrpc;
import io.trantor.protocol.control.RouteUpdate;
import io.trantor.protocol.control.ServerReplicaStatus;
import io.trantor.protocol.control.WatchRoutesRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A control plane that restarts (its Temporal service staying up) rebuilds routes, reservations
 * and status from the workflows and the agents, and sets right what the agents hold (issue 12).
 */
class ControlPlaneRestartIT {

  @RegisterExtension
  final ControlPlaneExtension control = ControlPlaneExtension.withSpecStore().withAgentRejoinGrace(Duration.ofSeconds(3));

  private static String model(String name, int replicas) {
    return """
        apiVersion: mlops.seldon.io/v1alpha1
        kind: Model
        metadata:
          name: %s
        spec:
          storageUri: gs://seldon-models/scv2/samples/mlserver_1.5.0/iris-sklearn
          requirements: [sklearn]
          memory: 100Ki
          replicas: %d
        """.formatted(name, replicas);
  }

  private void apply(String manifest) {
    control.client().apply(ApplyRequest.newBuilder().setManifest(manifest).setSource("m.yaml").build());
  }

  private ResourceStatus status(String kind, String name) {
    return control.client().getStatus(ResourceRef.newBuilder().setKind(kind).setName(name).build());
  }

  private void awaitAvailable(String name, int replicas) {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      ResourceStatus status = status("Model", name);
      assertThat(status.getState()).isEqualTo("ModelAvailable");
      assertThat(status.getModel().getAvailableReplicas()).isEqualTo(replicas);
    });
  }

  private List<String> loadedOn(int index) {
    return status("Server", "mlserver").getServer().getReplicasList().stream()
        .filter(r -> r.getReplicaIndex() == index)
        .<List<String>>map(ServerReplicaStatus::getLoadedModelsList)
        .findFirst()
        .orElse(List.of());
  }

  /** What a gateway would receive on its route stream. */
  private static final class RouteStream implements AutoCloseable {
    final List<RouteBatch> batches = new CopyOnWriteArrayList<>();
    final ManagedChannel channel;

    RouteStream(int port) {
      channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
      RouteServiceGrpc.newStub(channel).watchRoutes(WatchRoutesRequest.newBuilder().setGateway("test").build(),
          new StreamObserver<>() {
            @Override
            public void onNext(RouteBatch batch) {
              batches.add(batch);
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {}
          });
    }

    List<String> firstFullBatchModels() {
      return batches.stream().filter(RouteBatch::getFull).findFirst().orElseThrow().getUpdatesList().stream()
          .filter(u -> !u.hasExperiment())
          .map(RouteUpdate::getModel)
          .sorted()
          .toList();
    }

    @Override
    public void close() throws InterruptedException {
      channel.shutdownNow();
      channel.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void afterARestartRoutesReservationsAndAgentsAgreeAgain() throws Exception {
    FakeAgent zero = FakeAgent.connect(control.port(), "mlserver", 0);
    FakeAgent one = FakeAgent.connect(control.port(), "mlserver", 1);
    apply(model("iris", 2));
    apply(model("wine", 1));
    awaitAvailable("iris", 2);
    awaitAvailable("wine", 1);
    int wineReplica = status("Model", "wine").getModel().getReplicas(0).getReplicaIndex();
    Set<String> zeroHeld = zero.loaded();
    Set<String> oneHeld = one.loaded();

    control.restartControlPlane(); // the agents' streams end with it; they register again below
    zero.close();
    one.close();

    // A gateway that reconnects at once gets every route in its first snapshot, never an empty one.
    try (RouteStream gateway = new RouteStream(control.port())) {
      // Replica 0 comes back holding an orphan nobody wants; the wine replica comes back without wine.
      java.util.Set<String> zeroNow = new java.util.HashSet<>(wineReplica == 0 ? Set.of("iris_1") : zeroHeld);
      zeroNow.add("ghost_3");
      java.util.Set<String> oneNow = new java.util.HashSet<>(wineReplica == 1 ? Set.of("iris_1") : oneHeld);
      oneNow.add("ghost_4"); // both replicas register at about the same time: each is reconciled
      FakeAgent zeroAgain = FakeAgent.reconnect(control.port(), "mlserver", 0, zeroNow);
      FakeAgent oneAgain = FakeAgent.reconnect(control.port(), "mlserver", 1, oneNow);
      try (zeroAgain; oneAgain) {
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.batches.stream().anyMatch(RouteBatch::getFull));
        assertThat(gateway.firstFullBatchModels()).containsExactly("iris", "wine");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
          assertThat(zeroAgain.loaded()).doesNotContain("ghost_3");
          assertThat(oneAgain.loaded()).doesNotContain("ghost_4");
          assertThat(zeroAgain.loaded().contains("wine_1") || oneAgain.loaded().contains("wine_1")).isTrue();
        });
        assertThat(zeroAgain.commands()).extracting(AgentCommand::getCommandCase).contains(AgentCommand.CommandCase.UNLOAD);
        awaitAvailable("iris", 2);
        awaitAvailable("wine", 1);
        int wineNow = status("Model", "wine").getModel().getReplicas(0).getReplicaIndex();
        assertThat((wineNow == 0 ? zeroAgain : oneAgain).loaded()).contains("wine_1");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
          assertThat(loadedOn(0)).containsExactlyInAnyOrderElementsOf(zeroAgain.loaded());
          assertThat(loadedOn(1)).containsExactlyInAnyOrderElementsOf(oneAgain.loaded());
        });
        assertThat(control.controlPlane().routes().route("default", "iris").orElseThrow().endpoints()).hasSize(2);

        String metrics = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control.port() + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("trantor_control_reconciled_total{action=\"unload_orphan\"} 2.0");
        assertThat(metrics).contains("trantor_control_reconciled_total{action=\"reload_lost\"} 1.0");
      }
    }
  }

  @Test
  void untilExpectedReplicasReturnStatusSaysRecoveringThenTheirModelsArePlacedElsewhere() throws Exception {
    FakeAgent zero = FakeAgent.connect(control.port(), "mlserver", 0);
    apply(model("iris", 1));
    awaitAvailable("iris", 1);

    control.restartControlPlane();
    zero.close();

    ResourceStatus during = status("Model", "iris");
    assertThat(during.getState()).isEqualTo("ModelProgressing");
    assertThat(during.getReason()).isEqualTo("control plane recovering");
    assertThat(control.controlPlane().routes().route("default", "iris")).isPresent();

    // Replica 0 never returns; replica 1 is new. After the grace period iris moves there.
    try (FakeAgent one = FakeAgent.connect(control.port(), "mlserver", 1)) {
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        assertThat(one.loaded()).containsExactly("iris_1");
        ResourceStatus status = status("Model", "iris");
        assertThat(status.getState()).isEqualTo("ModelAvailable");
        assertThat(status.getModel().getReplicasList()).extracting(r -> r.getReplicaIndex()).containsExactly(1);
      });
      assertThat(control.controlPlane().routes().route("default", "iris").orElseThrow().endpoints())
          .extracting(e -> e.replicaIndex()).containsExactly(1);
    }
  }
}
