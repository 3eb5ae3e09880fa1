package io.trantor.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.client.ClientRequestContext;
import com.linecorp.armeria.client.ClientRequestContextCaptor;
import com.linecorp.armeria.client.Clients;
import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.grpc.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.trantor.protocol.grpc.ModelInferRequest;
import io.trantor.protocol.grpc.ModelInferResponse;
import io.trantor.protocol.grpc.ModelReadyRequest;
import io.trantor.protocol.grpc.ProtoCodec;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayTest {
  private static final Duration DEADLINE = Duration.ofSeconds(15);
  private static final String BODY =
      "{\"inputs\":[{\"name\":\"INPUT0\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[1.5,2.5]}]}";

  @TempDir Path dir;
  FakeRouteService control;
  ReplicaServer a;
  ReplicaServer b;
  Gateway gateway;
  ClientFactory clients;
  BlockingWebClient http;

  @BeforeEach
  void setUp() {
    control = FakeRouteService.start();
    a = ReplicaServer.start(dir.resolve("a"), "iris_1", "iris_2");
    b = ReplicaServer.start(dir.resolve("b"), "iris_1", "iris_2");
    gateway = Gateway.start(new GatewayConfig("127.0.0.1", 0, control.target()));
    clients = ClientFactory.builder().build();
    http = WebClient.builder("http://127.0.0.1:" + gateway.port()).factory(clients).build().blocking();
  }

  @AfterEach
  void tearDown() throws Exception {
    clients.close();
    gateway.close();
    control.close();
    a.close();
    b.close();
  }

  private AggregatedHttpResponse infer(String path, String seldonModel) {
    com.linecorp.armeria.common.RequestHeadersBuilder headers = RequestHeaders.builder(HttpMethod.POST, path).contentType(MediaType.JSON);
    if (seldonModel != null) {
      headers.add("seldon-model", seldonModel);
    }
    return http.execute(headers.build(), BODY);
  }

  private void awaitRoute(String expectedRoute) {
    await().atMost(DEADLINE).until(() -> expectedRoute.equals(
        http.get("/v2/models/iris/ready").headers().get("x-seldon-route")));
  }

  private GRPCInferenceServiceBlockingStub grpc(String seldonModel) {
    var builder = GrpcClients.builder("http://127.0.0.1:" + gateway.port()).factory(clients);
    if (seldonModel != null) {
      builder.addHeader("seldon-model", seldonModel);
    }
    return builder.build(GRPCInferenceServiceBlockingStub.class);
  }

  private static ModelInferRequest grpcRequest(String model) {
    return ProtoCodec.toProto(
        InferenceRequest.of(model, List.of(Tensor.ofFloats("INPUT0", new long[] {1, 2}, 1.5f, 2.5f))), false);
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void routesRestInferByPathAndByHeader() {
    control.publish("iris", 1, a.endpoint(), b.endpoint());
    awaitRoute(":iris_1:");

    AggregatedHttpResponse byPath = infer("/v2/models/iris/infer", null);
    assertThat(byPath.status().code()).isEqualTo(200);
    assertThat(byPath.contentUtf8()).contains("\"model_name\":\"iris_1\"");
    assertThat(byPath.headers().get("x-seldon-route")).isEqualTo(":iris_1:");
    assertThat(byPath.headers().get("x-request-id")).hasSize(20);

    AggregatedHttpResponse byHeader = http.execute(
        RequestHeaders.builder(HttpMethod.POST, "/v2/models/anything/infer")
            .contentType(MediaType.JSON).add("seldon-model", "iris").add("x-request-id", "my-id").build(),
        BODY);
    assertThat(byHeader.status().code()).isEqualTo(200);
    assertThat(byHeader.headers().get("x-request-id")).isEqualTo("my-id");
    assertThat(byHeader.headers().get("x-seldon-route")).isEqualTo(":iris_1:");

    List<RequestHeaders> received = new ArrayList<>(a.headers);
    received.addAll(b.headers);
    assertThat(received).filteredOn(h -> "my-id".equals(h.get("x-request-id")))
        .singleElement()
        .satisfies(h -> assertThat(h.path()).isEqualTo("/v2/models/iris_1/infer"));
  }

  @Test
  void routesGrpcInferByModelNameAndByHeader() {
    control.publish("iris", 1, a.endpoint(), b.endpoint());
    awaitRoute(":iris_1:");

    ClientRequestContext ctx;
    ModelInferResponse byName;
    try (ClientRequestContextCaptor captor = Clients.newContextCaptor()) {
      byName = grpc(null).modelInfer(grpcRequest("iris"));
      ctx = captor.get();
    }
    assertThat(byName.getModelName()).isEqualTo("iris_1");
    var headers = ctx.log().whenComplete().join().responseHeaders();
    assertThat(headers.get("x-seldon-route")).isEqualTo(":iris_1:");
    assertThat(headers.get("x-request-id")).isNotBlank();

    assertThat(grpc("iris").modelInfer(grpcRequest("something-else")).getModelName()).isEqualTo("iris_1");
    assertThat(grpc(null).modelReady(ModelReadyRequest.newBuilder().setName("iris").build()).getReady()).isTrue();
  }

  @Test
  void spreadsLoadOverBothReplicas() {
    control.publish("iris", 1, a.endpoint(), b.endpoint());
    awaitRoute(":iris_1:");
    for (int i = 0; i < 20; i++) {
      assertThat(infer("/v2/models/iris/infer", null).status().code()).isEqualTo(200);
      grpc(null).modelInfer(grpcRequest("iris"));
    }
    assertThat(a.inferCount()).isGreaterThanOrEqualTo(10);
    assertThat(b.inferCount()).isGreaterThanOrEqualTo(10);
  }

  @Test
  void retriesOnAnotherReplicaWhenTheConnectionFails() throws Exception {
    String dead = "127.0.0.1:" + closedPort();
    control.publish("iris", 1, dead, a.endpoint());
    awaitRoute(":iris_1:");
    for (int i = 0; i < 10; i++) {
      assertThat(infer("/v2/models/iris/infer", null).status().code()).isEqualTo(200);
      assertThat(grpc(null).modelInfer(grpcRequest("iris")).getModelName()).isEqualTo("iris_1");
    }
    assertThat(a.inferCount()).isEqualTo(20);
  }

  @Test
  void retriesOnAnotherReplicaWhenTheReplicaDiesWithTheRequestInFlight() throws Exception {
    try (DyingReplica dying = new DyingReplica()) {
      control.publish("iris", 1, dying.endpoint(), a.endpoint());
      awaitRoute(":iris_1:");
      for (int i = 0; i < 10; i++) {
        assertThat(infer("/v2/models/iris/infer", null).status().code()).isEqualTo(200);
      }
      assertThat(dying.requestsDropped()).as("requests the dying replica read and never answered").isPositive();
      assertThat(a.inferCount()).isEqualTo(10);
    }
  }

  @Test
  void answersUnknownModelsWithNotFound() {
    AggregatedHttpResponse rest = infer("/v2/models/nope/infer", null);
    assertThat(rest.status().code()).isEqualTo(404);
    assertThat(rest.headers().contentType()).isEqualTo(MediaType.JSON);
    assertThat(rest.contentUtf8()).isEqualTo("{\"error\":\"model 'nope' not found\"}");
    assertThatThrownBy(() -> grpc(null).modelInfer(grpcRequest("nope")))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));

    AggregatedHttpResponse pipeline = infer("/v2/models/x/infer", "x.pipeline");
    assertThat(pipeline.status().code()).isEqualTo(404);
    assertThat(pipeline.contentUtf8()).contains("pipelines are not supported yet");
  }

  @Test
  void answersUnavailableWhenAModelHasNoReplica() throws Exception {
    control.publish("iris", 1);
    control.publish("lonely", 1, "127.0.0.1:" + closedPort());
    awaitRoute(":iris_1:");

    AggregatedHttpResponse rest = infer("/v2/models/iris/infer", null);
    assertThat(rest.status().code()).isEqualTo(503);
    assertThat(rest.contentUtf8()).contains("has no available replica");
    assertThatThrownBy(() -> grpc(null).modelInfer(grpcRequest("iris")))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    assertThat(infer("/v2/models/lonely/infer", null).status().code()).isEqualTo(503);
  }

  @Test
  void switchesVersionWithoutFailingARequestUnderLoad() throws Exception {
    control.publish("iris", 1, a.endpoint(), b.endpoint());
    awaitRoute(":iris_1:");
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger ok1 = new AtomicInteger();
    AtomicInteger ok2 = new AtomicInteger();
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService threads = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> load = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        boolean useGrpc = t % 2 == 0;
        load.add(threads.submit(() -> {
          GRPCInferenceServiceBlockingStub stub = grpc(null);
          while (running.get()) {
            String model;
            try {
              if (useGrpc) {
                model = stub.modelInfer(grpcRequest("iris")).getModelName();
              } else {
                AggregatedHttpResponse r = infer("/v2/models/iris/infer", null);
                if (r.status().code() != 200) {
                  failures.add(r.status() + " " + r.contentUtf8());
                  continue;
                }
                model = r.contentUtf8().contains("iris_2") ? "iris_2" : "iris_1";
              }
            } catch (RuntimeException e) {
              failures.add(e.toString());
              continue;
            }
            (model.equals("iris_2") ? ok2 : ok1).incrementAndGet();
          }
        }));
      }
      await().atMost(DEADLINE).until(() -> ok1.get() > 100);
      control.publish("iris", 2, a.endpoint(), b.endpoint());
      await().atMost(DEADLINE).until(() -> ok2.get() > 100);
      running.set(false);
      for (Future<?> f : load) {
        f.get(10, TimeUnit.SECONDS);
      }
    } finally {
      running.set(false);
      threads.shutdownNow();
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void answersGatewayTimeoutWhenAModelIsSlowerThanItsTimeout() {
    CountDownLatch release = new CountDownLatch(1);
    a.fake.behaviour((artifact, request) -> {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return request.inputs();
    });
    control.publish("iris", 1, a.endpoint());
    try (Gateway quick = Gateway.start(new GatewayConfig("127.0.0.1", 0, control.target())
        .withModelTimeout("iris", Duration.ofMillis(300)))) {
      BlockingWebClient client = WebClient.builder("http://127.0.0.1:" + quick.port()).factory(clients).build().blocking();
      await().atMost(DEADLINE).until(() -> client.get("/v2/models/iris/ready").status().code() == 200);

      AggregatedHttpResponse rest = client.execute(
          RequestHeaders.builder(HttpMethod.POST, "/v2/models/iris/infer").contentType(MediaType.JSON).build(), BODY);
      assertThat(rest.status().code()).isEqualTo(504);
      assertThat(rest.contentUtf8()).startsWith("{\"error\":");
      GRPCInferenceServiceBlockingStub stub = GrpcClients.builder("http://127.0.0.1:" + quick.port())
          .factory(clients).build(GRPCInferenceServiceBlockingStub.class);
      assertThatThrownBy(() -> stub.modelInfer(grpcRequest("iris")))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
    } finally {
      release.countDown();
    }
  }

  @Test
  void keepsServingWhileTheRouteStreamIsDown() {
    control.publish("iris", 1, a.endpoint(), b.endpoint());
    awaitRoute(":iris_1:");

    control.dropStreams();
    assertThat(infer("/v2/models/iris/infer", null).status().code()).isEqualTo(200);
    // A change made while the gateway was away arrives with the table on reconnect.
    control.publish("iris", 2, a.endpoint());
    await().atMost(DEADLINE).until(() -> control.subscriptions.get() >= 2);
    awaitRoute(":iris_2:");

    control.close();
    AggregatedHttpResponse after = infer("/v2/models/iris/infer", null);
    assertThat(after.status().code()).isEqualTo(200);
    assertThat(after.contentUtf8()).contains("\"model_name\":\"iris_2\"");
  }

  @Test
  void answersHealthAndServerMetadataItself() {
    assertThat(http.get("/v2/health/live").status().code()).isEqualTo(200);
    assertThat(http.get("/v2/health/ready").status().code()).isEqualTo(200);
    assertThat(http.get("/v2").contentUtf8()).contains("\"name\":\"trantor-gateway\"");
  }

  @Test
  void exposesSeldonInferMetrics() {
    control.publish("iris", 1, a.endpoint(), b.endpoint());
    awaitRoute(":iris_1:");
    infer("/v2/models/iris/infer", null);
    grpc(null).modelInfer(grpcRequest("iris"));
    infer("/v2/models/nope/infer", null);

    // The gateway's own request metrics are recorded when the answer has gone out, just after the caller has it.
    await().atMost(DEADLINE).untilAsserted(() -> assertThat(http.get("/metrics").contentUtf8())
        .containsPattern("seldon_model_infer_total\\{[^}]*code=\"200\"[^}]*method_type=\"rest\"[^}]*model=\"iris\"")
        .containsPattern("seldon_model_infer_total\\{[^}]*code=\"OK\"[^}]*method_type=\"grpc\"[^}]*model=\"iris\"")
        .contains("seldon_model_infer_seconds_total{")
        .contains("seldon_model_infer_api_seconds_bucket{")
        .containsPattern("trantor_gateway_requests_total\\{code=\"200\",kind=\"model\",name=\"iris\",protocol=\"rest\"} [1-9]")
        .containsPattern("trantor_gateway_requests_total\\{code=\"OK\",kind=\"model\",name=\"iris\",protocol=\"grpc\"} 1\\.0")
        // An unknown name is the caller's text: counted, but never as a label value.
        .containsPattern("trantor_gateway_requests_total\\{code=\"404\",kind=\"none\",name=\"\",protocol=\"rest\"} [1-9]")
        .contains("trantor_gateway_request_seconds_bucket{")
        .doesNotContain("nope"));
  }

  @Test
  void rejectsABodyOverTheLimit() {
    try (Gateway small = Gateway.start(
        new GatewayConfig("127.0.0.1", 0, control.target()).withMaxRequestBytes(16))) {
      AggregatedHttpResponse response = WebClient.builder("http://127.0.0.1:" + small.port()).factory(clients).build()
          .blocking()
          .execute(RequestHeaders.builder(HttpMethod.POST, "/v2/models/iris/infer").contentType(MediaType.JSON).build(),
              BODY);
      assertThat(response.status().code()).isEqualTo(413);
      assertThat(response.contentUtf8()).startsWith("{\"error\":");
    }
  }
}
