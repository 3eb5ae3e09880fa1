package io.trantor.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.trantor.control.testing.ControlPlaneExtension;
import io.trantor.control.testing.FakeAgent;
import io.trantor.protocol.control.ApplyRequest;
import io.trantor.protocol.control.ApplyResponse;
import io.trantor.protocol.control.DeleteRequest;
import io.trantor.protocol.control.ListRequest;
import io.trantor.protocol.control.ResourceRef;
import io.trantor.protocol.control.ResourceStatus;
import io.trantor.protocol.control.ServerReplicaStatus;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ControlPlaneApiTest {

  @RegisterExtension final ControlPlaneExtension control = ControlPlaneExtension.withSpecStore();

  static final String SERVER = """
      apiVersion: mlops.seldon.io/v1alpha1
      kind: Server
      metadata:
        name: mlserver
      spec:
        serverConfig: mlserver
        replicas: 2
      """;

  private static StatusRuntimeException grpcError(Runnable call) {
    try {
      call.run();
    } catch (StatusRuntimeException e) {
      return e;
    }
    throw new AssertionError("the call succeeded");
  }

  private ApplyResponse apply(String manifest) {
    return control.client().apply(ApplyRequest.newBuilder().setManifest(manifest).setSource("test.yaml").build());
  }

  private ResourceStatus status(String kind, String name) {
    return control.client().getStatus(ResourceRef.newBuilder().setKind(kind).setName(name).build());
  }

  @Test
  void badManifestIsRejectedWithEveryProblemOnItsOwnLineAndNothingIsApplied() {
    String manifest = SERVER + """
        ---
        apiVersion: mlops.seldon.io/v1alpha1
        kind: Model
        metadata:
          name: Iris
        spec:
          storageUri: ""
          replicaz: 2
        """;

    StatusRuntimeException e = grpcError(() -> apply(manifest));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription().lines().toList())
        .hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(line -> assertThat(line).startsWith("test.yaml: document 2: "))
        .anySatisfy(line -> assertThat(line).startsWith("test.yaml: document 2: metadata.name: "))
        .anySatisfy(line -> assertThat(line).startsWith("test.yaml: document 2: spec.storageUri: "))
        .anySatisfy(line -> assertThat(line).startsWith("test.yaml: document 2: spec.replicaz: "));
    assertThat(control.scaled()).isEmpty();
    assertThat(control.client().list(ListRequest.getDefaultInstance()).getItemsList()).isEmpty();
  }

  @Test
  void statusOfUnknownModelIsNotFound() {
    StatusRuntimeException e = grpcError(() -> status("Model", "nope"));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(e.getStatus().getDescription()).isEqualTo("model nope not found");
  }

  @Test
  void pipelinesAreRefusedWithoutKafka() {
    String pipeline = """
        apiVersion: mlops.seldon.io/v1alpha1
        kind: Pipeline
        metadata:
          name: chain
        spec:
          steps:
            - name: iris
          output:
            steps: [iris]
        """;

    StatusRuntimeException e = grpcError(() -> apply(pipeline));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(e.getStatus().getDescription()).startsWith("pipelines need Kafka");
  }

  @Test
  void serverIsReadyOnceEveryDesiredReplicaIsConnected() throws Exception {
    ApplyResponse applied = apply(SERVER);
    assertThat(applied.getResources(0).getAction()).isEqualTo("created");
    assertThat(control.scaled()).singleElement().satisfies(s -> assertThat(s.spec().replicas()).isEqualTo(2));
    assertThat(status("Server", "mlserver").getState()).isEqualTo("ServerNotReady");

    try (FakeAgent zero = FakeAgent.connect(control.port(), "mlserver", 0);
        FakeAgent one = FakeAgent.connect(control.port(), "mlserver", 1)) {
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        ResourceStatus status = status("Server", "mlserver");
        assertThat(status.getState()).isEqualTo("ServerReady");
        assertThat(status.getServer().getReadyReplicas()).isEqualTo(2);
        assertThat(status.getServer().getReplicasList()).extracting(ServerReplicaStatus::getEndpoint)
            .containsExactly("127.0.0.1:19000", "127.0.0.1:19001");
      });

      one.disconnect();

      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        ResourceStatus status = status("Server", "mlserver");
        assertThat(status.getState()).isEqualTo("ServerNotReady");
        assertThat(status.getServer().getReplicasList()).extracting(ServerReplicaStatus::getState)
            .containsExactly("Ready", "Disconnected");
      });
    }
  }

  @Test
  void applyingTheSameServerAgainIsUnchangedAndAChangeIsANewGeneration() {
    apply(SERVER);

    assertThat(apply(SERVER).getResources(0)).satisfies(r -> {
      assertThat(r.getAction()).isEqualTo("unchanged");
      assertThat(r.getGeneration()).isEqualTo(1);
    });
    assertThat(apply(SERVER.replace("replicas: 2", "replicas: 3")).getResources(0)).satisfies(r -> {
      assertThat(r.getAction()).isEqualTo("configured");
      assertThat(r.getGeneration()).isEqualTo(2);
    });
  }

  @Test
  void deletedServerIsScaledToZeroAndForgotten() throws Exception {
    apply(SERVER);

    control.client().delete(DeleteRequest.newBuilder()
        .addRefs(ResourceRef.newBuilder().setKind("Server").setName("mlserver")).build());

    assertThat(control.scaled()).last().satisfies(s -> assertThat(s.spec().replicas()).isZero());
    assertThat(grpcError(() -> status("Server", "mlserver")).getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    try (var files = Files.walk(control.dataDir())) {
      assertThat(files.filter(f -> f.toString().endsWith(".json"))).isEmpty();
    }
  }

  @Test
  void specStoreBringsServersBackAfterARestart() {
    apply(SERVER);
    assertThat(control.dataDir().resolve("specs/default/Server/mlserver.json")).exists();

    control.restart();

    ResourceStatus status = status("Server", "mlserver");
    assertThat(status.getServer().getDesiredReplicas()).isEqualTo(2);
    assertThat(status.getGeneration()).isEqualTo(1);
    assertThat(control.scaled()).hasSize(2);
  }

  @Test
  void httpApplyAndStatusSpeakJson() throws Exception {
    HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> applied = http.send(
        HttpRequest.newBuilder(control.httpUri("/v1/apply")).POST(HttpRequest.BodyPublishers.ofString(SERVER)).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> server = http.send(
        HttpRequest.newBuilder(control.httpUri("/v1/servers/mlserver")).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> missing = http.send(
        HttpRequest.newBuilder(control.httpUri("/v1/models/nope")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(applied.statusCode()).isEqualTo(200);
    assertThat(applied.body()).contains("\"action\": \"created\"");
    assertThat(server.statusCode()).isEqualTo(200);
    assertThat(server.body()).contains("\"state\": \"ServerNotReady\"").contains("\"desiredReplicas\": 2");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("model nope not found");
  }
}
