package io.trantor.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.ClientRequestContext;
import com.linecorp.armeria.client.ClientRequestContextCaptor;
import com.linecorp.armeria.client.Clients;
import com.linecorp.armeria.client.grpc.GrpcClients;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.grpc.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.trantor.protocol.grpc.ProtoCodec;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.RequestHeadersBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Experiments at the gateway, against real upstream OIP servers: one per model. */
class ExperimentGatewayTest {
  private static final Duration DEADLINE = Duration.ofSeconds(15);
  private static final String BODY =
      "{\"inputs\":[{\"name\":\"INPUT0\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[1.5,2.5]}]}";
  private static final int IN_FLIGHT = 256;

  @TempDir Path dir;
  FakeRouteService control;
  ReplicaServer iris;
  ReplicaServer iris2;
  ReplicaServer iris3;
  Gateway gateway;
  ClientFactory clients;
  WebClient http;

  @BeforeEach
  void setUp() {
    control = FakeRouteService.start();
    iris = ReplicaServer.start(dir.resolve("iris"), "iris_1");
    iris2 = ReplicaServer.start(dir.resolve("iris2"), "iris2_1");
    iris3 = ReplicaServer.start(dir.resolve("iris3"), "iris3_1");
    control.publish("iris", 1, iris.endpoint());
    control.publish("iris2", 1, iris2.endpoint());
    control.publish("iris3", 1, iris3.endpoint());
    gateway = Gateway.start(new GatewayConfig("127.0.0.1", 0, control.target()));
    clients = ClientFactory.builder().build();
    http = WebClient.builder("h2c://127.0.0.1:" + gateway.port()).factory(clients).build();
  }

  @AfterEach
  void tearDown() throws Exception {
    clients.close();
    gateway.close();
    control.close();
    iris.close();
    iris2.close();
    iris3.close();
  }

  private CompletableFuture<AggregatedHttpResponse> infer(String seldonModel, String seldonRoute) {
    RequestHeadersBuilder headers = RequestHeaders.builder(HttpMethod.POST, "/v2/models/any/infer")
        .contentType(MediaType.JSON).add("seldon-model", seldonModel);
    if (seldonRoute != null) {
      headers.add("x-seldon-route", seldonRoute);
    }
    return http.execute(headers.build(), BODY).aggregate();
  }

  /** Sends {@code count} requests, {@link #IN_FLIGHT} at a time; returns how many got each {@code x-seldon-route}. */
  private Map<String, Long> routesOf(int count, String seldonModel, String seldonRoute) {
    List<AggregatedHttpResponse> responses = new ArrayList<>();
    for (int sent = 0; sent < count; sent += IN_FLIGHT) {
      List<CompletableFuture<AggregatedHttpResponse>> batch = new ArrayList<>();
      for (int i = sent; i < Math.min(count, sent + IN_FLIGHT); i++) {
        batch.add(infer(seldonModel, seldonRoute));
      }
      batch.forEach(f -> responses.add(f.join()));
    }
    assertThat(responses).allSatisfy(r -> assertThat(r.status().code()).isEqualTo(200));
    return responses.stream().collect(Collectors.groupingBy(r -> r.headers().get("x-seldon-route"), Collectors.counting()));
  }

  private void awaitRoute(String seldonModel, String expectedRoute) {
    await().atMost(DEADLINE).until(() -> expectedRoute.equals(infer(seldonModel, null).join().headers().get("x-seldon-route")));
  }

  private static long grpcInferCount(ReplicaServer replica) {
    return replica.paths.stream().filter(p -> p.endsWith("/ModelInfer")).count();
  }

  private void awaitExperiment(String name) {
    await().atMost(DEADLINE).until(() -> infer(name + ".experiment", null).join().status().code() == 200);
  }

  @Test
  void splitsTenThousandRequestsFiftyFiftyWithinTwoPercent() {
    control.publishExperiment("ab", null, null, 0, "iris", 50, "iris2", 50);
    awaitExperiment("ab");
    long irisBefore = iris.inferCount();
    long iris2Before = iris2.inferCount();

    Map<String, Long> routes = routesOf(10_000, "ab.experiment", null);

    assertThat(routes).containsOnlyKeys(":iris_1:", ":iris2_1:");
    assertThat(routes.get(":iris_1:")).isBetween(4_800L, 5_200L);
    assertThat(iris.inferCount() - irisBefore).isEqualTo(routes.get(":iris_1:"));
    assertThat(iris2.inferCount() - iris2Before).isEqualTo(routes.get(":iris2_1:"));
  }

  @Test
  void defaultModelNameIsSplitAndStopRestoresPlainRouting() {
    control.publishExperiment("experiment-sample", "iris", null, 0, "iris", 50, "iris2", 50);
    awaitRoute("iris", ":iris2_1:");

    assertThat(routesOf(1_000, "iris", null)).containsOnlyKeys(":iris_1:", ":iris2_1:");

    control.removeExperiment("experiment-sample");
    awaitExperimentGone("experiment-sample");
    assertThat(routesOf(500, "iris", null)).containsOnlyKeys(":iris_1:");
  }

  private void awaitExperimentGone(String name) {
    await().atMost(DEADLINE).until(() -> infer(name + ".experiment", null).join().status().code() == 404);
  }

  @Test
  void stickyRequestsNeverSwitchCandidate() {
    control.publishExperiment("ab", null, null, 0, "iris", 50, "iris2", 50);
    awaitExperiment("ab");

    assertThat(routesOf(1_000, "ab.experiment", ":iris2_1:")).containsOnlyKeys(":iris2_1:");
    // Seldon's CLI sends the values it saved, joined by commas; any one naming a candidate sticks.
    assertThat(routesOf(1_000, "ab.experiment", ":other.pipeline:,:iris_1:")).containsOnlyKeys(":iris_1:");
  }

  @Test
  void updatedWeightsTakeEffect() {
    control.publishExperiment("ab", null, null, 0, "iris", 50, "iris2", 50);
    awaitExperiment("ab");

    control.publishExperiment("ab", null, null, 0, "iris", 10, "iris2", 90);
    await().atMost(DEADLINE).until(() -> routesOf(200, "ab.experiment", null).getOrDefault(":iris2_1:", 0L) > 160);

    Map<String, Long> routes = routesOf(2_000, "ab.experiment", null);
    // 90 % of 2,000 = 1,800; ±100 is more than 7 standard deviations.
    assertThat(routes.get(":iris2_1:")).isBetween(1_700L, 1_900L);
  }

  @Test
  void mirrorGetsItsPercentageOfRequestsAndNeverTheAnswer() {
    control.publishExperiment("mirrored", "iris", "iris3", 25, "iris", 100);
    awaitExperiment("mirrored");
    long mirroredBefore = iris3.inferCount();

    Map<String, Long> routes = routesOf(2_000, "iris", null);

    assertThat(routes).containsOnlyKeys(":iris_1:");
    // 25 % of 2,000 = 500, standard deviation ~19; ±100 is five of them. Copies are asynchronous.
    Function<Long, Boolean> inRange = n -> n >= 400 && n <= 600;
    await().atMost(DEADLINE).until(() -> inRange.apply(iris3.inferCount() - mirroredBefore));
    assertThat(iris3.inferCount() - mirroredBefore).isBetween(400L, 600L);
  }

  @Test
  void unknownExperimentIsNotFound() {
    assertThat(infer("nope.experiment", null).join().status().code()).isEqualTo(404);
  }

  @Test
  void grpcInferIsSplitStickyAndMirroredToo() {
    control.publishExperiment("ab", null, "iris3", 100, "iris", 50, "iris2", 50);
    awaitExperiment("ab");
    // Counted by gRPC path only: the REST copies of awaitExperiment's requests may still land.
    long mirroredBefore = grpcInferCount(iris3);
    GRPCInferenceServiceBlockingStub grpc = GrpcClients.builder("http://127.0.0.1:" + gateway.port())
        .factory(clients).addHeader("seldon-model", "ab.experiment").build(GRPCInferenceServiceBlockingStub.class);
    var request = ProtoCodec.toProto(
        InferenceRequest.of("ab", List.of(Tensor.ofFloats("INPUT0", new long[] {1, 2}, 1.5f, 2.5f))), false);

    List<String> routes = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      try (ClientRequestContextCaptor captor = Clients.newContextCaptor()) {
        grpc.modelInfer(request);
        ClientRequestContext ctx = captor.get();
        routes.add(ctx.log().whenComplete().join().responseHeaders().get("x-seldon-route"));
      }
    }
    assertThat(routes).contains(":iris_1:", ":iris2_1:").containsOnly(":iris_1:", ":iris2_1:");
    await().atMost(DEADLINE).until(() -> grpcInferCount(iris3) - mirroredBefore == 100);

    GRPCInferenceServiceBlockingStub sticky = GrpcClients.builder("http://127.0.0.1:" + gateway.port())
        .factory(clients).addHeader("seldon-model", "ab.experiment").addHeader("x-seldon-route", ":iris2_1:")
        .build(GRPCInferenceServiceBlockingStub.class);
    for (int i = 0; i < 50; i++) {
      assertThat(sticky.modelInfer(request).getModelName()).isEqualTo("iris2_1");
    }
  }
}
