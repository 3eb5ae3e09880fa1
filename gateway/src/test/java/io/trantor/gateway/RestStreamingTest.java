package io.trantor.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpResponseWriter;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.SplitHttpResponse;
import com.linecorp.armeria.server.Server;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** REST answers stream through the gateway as the replica writes them; REST bodies reach it byte for byte. */
class RestStreamingTest {
  private static final Duration DEADLINE = Duration.ofSeconds(15);

  @TempDir Path dir;
  FakeRouteService control;
  Gateway gateway;
  ClientFactory clients;
  WebClient http;
  Server slowReplica;
  final CompletableFuture<HttpResponseWriter> answering = new CompletableFuture<>();

  @BeforeEach
  void setUp() {
    control = FakeRouteService.start();
    // A replica that writes the first half of its answer and the rest only when the test says so.
    slowReplica = Server.builder()
        .http(new InetSocketAddress("127.0.0.1", 0))
        .service("/v2/models/slow_1/infer", (ctx, req) -> {
          HttpResponseWriter writer = HttpResponse.streaming();
          writer.write(ResponseHeaders.of(HttpStatus.OK, "content-type", MediaType.JSON.toString()));
          writer.write(HttpData.ofUtf8("{\"model_name\":\"slow_1\","));
          answering.complete(writer);
          return writer;
        })
        .connectionDrainDuration(Duration.ZERO)
        .build();
    slowReplica.start().join();
    gateway = Gateway.start(new GatewayConfig("127.0.0.1", 0, control.target()));
    clients = ClientFactory.builder().build();
    http = WebClient.builder("http://127.0.0.1:" + gateway.port()).factory(clients).build();
  }

  @AfterEach
  void tearDown() {
    answering.thenAccept(HttpResponseWriter::close);
    clients.close();
    gateway.close();
    control.close();
    slowReplica.stop();
  }

  @Test
  void theAnswerStreamsBeforeTheReplicaHasFinished() throws Exception {
    control.publish("slow", 1, "127.0.0.1:" + slowReplica.activeLocalPort());
    await().atMost(DEADLINE).until(() ->
        http.get("/v2/models/slow/ready").aggregate().join().headers().get("x-seldon-route") != null);

    SplitHttpResponse split = http.execute(
            RequestHeaders.builder(HttpMethod.POST, "/v2/models/slow/infer").contentType(MediaType.JSON).build(), "{}")
        .split();
    // An aggregating gateway could send nothing before the replica's last byte.
    ResponseHeaders headers = split.headers().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    assertThat(headers.status().code()).isEqualTo(200);
    assertThat(headers.get("x-seldon-route")).isEqualTo(":slow_1:");
    assertThat(headers.get("x-request-id")).hasSize(20);
    CompletableFuture<AggregatedHttpResponse> whole = split.unsplit().aggregate();
    assertThat(whole).as("the replica has not finished").isNotDone();
    answering.join().write(HttpData.ofUtf8("\"outputs\":[]}"));
    answering.join().close();

    AggregatedHttpResponse response = whole.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    assertThat(response.contentUtf8()).isEqualTo("{\"model_name\":\"slow_1\",\"outputs\":[]}");
  }

  @Test
  void aRestBodyReachesTheReplicaByteForByte() throws Exception {
    try (ReplicaServer replica = ReplicaServer.start(dir.resolve("r"), "iris_1")) {
      control.publish("iris", 1, replica.endpoint());
      await().atMost(DEADLINE).until(() ->
          http.get("/v2/models/iris/ready").aggregate().join().status().code() == 200);
      // Odd spacing, key order and a number form a JSON codec would rewrite.
      String body = "{ \"inputs\" : [{\"name\":\"INPUT0\",\"datatype\":\"FP32\",\"shape\":[1,2],"
          + "\"data\":[1.50, 2.5e0]}] ,\"id\":\"x\" }";
      AggregatedHttpResponse response = http.execute(
          RequestHeaders.builder(HttpMethod.POST, "/v2/models/iris/infer").contentType(MediaType.JSON).build(), body)
          .aggregate().join();
      assertThat(response.status().code()).isEqualTo(200);
      assertThat(replica.received).filteredOn(r -> r.headers().path().equals("/v2/models/iris_1/infer"))
          .singleElement()
          .satisfies(r -> assertThat(r.bytes()).isEqualTo(body.getBytes(StandardCharsets.UTF_8)));
    }
  }
}
