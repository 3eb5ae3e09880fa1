package io.trantor.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.trantor.gateway.FakeDataflow.Failure;
import io.trantor.gateway.pipelinehost.PipelineGateway;
import io.trantor.kafka.KafkaSettings;
import io.trantor.kafka.RecordHeaders;
import io.trantor.kafka.RecordKey;
import io.trantor.kafka.broker.EmbeddedKafkaExtension;
import io.trantor.protocol.grpc.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.trantor.protocol.grpc.ModelInferRequest;
import io.trantor.protocol.grpc.ModelInferResponse;
import io.trantor.protocol.grpc.ModelReadyRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PipelineGatewayIT {
  @RegisterExtension static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final String NS = "ns1";
  private static final String BODY =
      "{\"inputs\":[{\"name\":\"INPUT0\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[1.5,2.5]}]}";

  KafkaSettings settings;
  FakeRouteService control;
  Gateway gateway;
  PipelineGateway pipelines;
  ClientFactory clients;
  BlockingWebClient http;

  @BeforeEach
  void setUp() {
    // Two partitions: the answer must come back on the partition the request went to.
    settings = KafkaSettings.plaintext(kafka.bootstrapServers()).withPartitions(2, (short) 1);
    control = FakeRouteService.start();
    gateway = Gateway.start(new GatewayConfig("127.0.0.1", 0, control.target()).withKafka(settings));
    pipelines = gateway.pipelineGateway().orElseThrow();
    clients = ClientFactory.builder().build();
    http = WebClient.builder("http://127.0.0.1:" + gateway.port()).factory(clients)
        .maxResponseLength(0).responseTimeout(DEADLINE).build().blocking();
  }

  @AfterEach
  void tearDown() throws Exception {
    clients.close();
    gateway.close();
    control.close();
  }

  private GRPCInferenceServiceBlockingStub grpc(String seldonModel) {
    return GrpcClients.builder("http://127.0.0.1:" + gateway.port()).factory(clients)
        .addHeader("seldon-model", seldonModel)
        .maxResponseLength(0).maxResponseMessageLength(Integer.MAX_VALUE).maxRequestMessageLength(Integer.MAX_VALUE)
        .responseTimeout(DEADLINE)
        .build(GRPCInferenceServiceBlockingStub.class);
  }

  private AggregatedHttpResponse post(String path, String seldonModel, String requestId) {
    var headers = RequestHeaders.builder(HttpMethod.POST, path).contentType(MediaType.JSON);
    if (seldonModel != null) {
      headers.add("seldon-model", seldonModel);
    }
    if (requestId != null) {
      headers.add("x-request-id", requestId);
    }
    headers.add("x-team", "search");
    return http.execute(headers.build(), BODY);
  }

  private static ModelInferRequest floats(String name, float... values) {
    ModelInferRequest.InferInputTensor.Builder in = ModelInferRequest.InferInputTensor.newBuilder()
        .setName(name).setDatatype("FP32").addShape(1).addShape(values.length);
    var contents = io.trantor.protocol.grpc.InferTensorContents.newBuilder();
    for (float v : values) {
      contents.addFp32Contents(v);
    }
    return ModelInferRequest.newBuilder().addInputs(in.setContents(contents)).build();
  }

  @Test
  void restRequestGoesThroughTheInputTopicAndTheAnswerComesBackFromTheOutputTopic() throws Exception {
    pipelines.register(NS, "echo");
    try (FakeDataflow dataflow = new FakeDataflow(settings, NS, "echo", FakeDataflow.ECHO)) {
      AggregatedHttpResponse byHeader = post("/v2/models/echo/infer", "echo.pipeline", "req-1");
      AggregatedHttpResponse byPath = post("/v2/pipelines/echo/infer", null, "req-2");

      for (AggregatedHttpResponse r : java.util.List.of(byHeader, byPath)) {
        assertThat(r.status().code()).as(r.contentUtf8()).isEqualTo(200);
        assertThat(r.contentUtf8()).contains("\"name\":\"INPUT0\"").contains("[1.5,2.5]");
        assertThat(r.headers().get("x-from-dataflow")).isEqualTo("yes");
      }
      assertThat(byHeader.headers().get("x-request-id")).isEqualTo("req-1");

      var record = dataflow.seen.stream().filter(r -> r.key().endsWith(".req-1")).findFirst().orElseThrow();
      assertThat(record.topic()).isEqualTo("seldon.ns1.pipeline.echo.inputs");
      RecordKey key = RecordKey.parse(record.key());
      assertThat(key.resource()).isEqualTo("echo");
      assertThat(key.partition()).isEqualTo(record.partition());
      assertThat(FakeDataflow.header(record, RecordHeaders.PIPELINE)).isEqualTo("echo");
      assertThat(FakeDataflow.header(record, RecordHeaders.REQUEST_ID)).isEqualTo("req-1");
      assertThat(FakeDataflow.header(record, "x-team")).isEqualTo("search");
    }
    assertThat(pipelines.pendingCount()).isZero();
  }

  @Test
  void grpcInferAndReadyWithThePipelineHeader() throws Exception {
    pipelines.register(NS, "echo");
    try (FakeDataflow dataflow = new FakeDataflow(settings, NS, "echo", FakeDataflow.ECHO)) {
      ModelInferResponse response = grpc("echo.pipeline").modelInfer(floats("INPUT0", 1f, 2f, 3f));

      assertThat(response.getOutputs(0).getName()).isEqualTo("INPUT0");
      // Seldon's pipeline answers over gRPC carry the data in raw_output_contents, as Triton's do.
      assertThat(response.getOutputs(0).hasContents()).isFalse();
      ByteBuffer data = response.getRawOutputContents(0).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      assertThat(new float[] {data.getFloat(), data.getFloat(), data.getFloat()}).containsExactly(1f, 2f, 3f);
      assertThat(data.hasRemaining()).isFalse();
      assertThat(grpc("echo.pipeline").modelReady(ModelReadyRequest.newBuilder().setName("echo").build()).getReady()).isTrue();
    }
  }

  /** Answers as {@link FakeDataflow#ECHO} does, with every output renamed to say which pipeline answered. */
  private static java.util.function.Function<ModelInferRequest, FakeDataflow.Outcome> echoAs(String output) {
    return request -> {
      FakeDataflow.Answer echoed = (FakeDataflow.Answer) FakeDataflow.ECHO.apply(request);
      ModelInferResponse.Builder renamed = echoed.response().toBuilder();
      renamed.getOutputsBuilderList().forEach(o -> o.setName(output));
      return new FakeDataflow.Answer(renamed.build());
    };
  }

  private static String firstOutputName(AggregatedHttpResponse response) {
    return OUTPUT_NAME.matcher(response.contentUtf8()).results().findFirst().orElseThrow().group(1);
  }

  private static final java.util.regex.Pattern OUTPUT_NAME =
      java.util.regex.Pattern.compile("\"outputs\":\\[\\{\"name\":\"([^\"]+)\"");

  @Test
  void aPipelineExperimentSplitsItsDefaultPipelinesTrafficAndSticks() throws Exception {
    pipelines.register(NS, "pipeline-add10");
    pipelines.register(NS, "pipeline-mul10");
    try (FakeDataflow add = new FakeDataflow(settings, NS, "pipeline-add10", echoAs("ADDED"));
         FakeDataflow mul = new FakeDataflow(settings, NS, "pipeline-mul10", echoAs("MULTIPLIED"))) {
      control.publishPipelineExperiment("addmul10", "pipeline-add10", null, 0, "pipeline-add10", 50, "pipeline-mul10", 50);
      await().atMost(DEADLINE).until(() -> post("/v2/models/x/infer", "addmul10.experiment", null).status().code() == 200);

      Map<String, Integer> byOutput = new HashMap<>();
      for (int i = 0; i < 60; i++) {
        AggregatedHttpResponse r = post("/v2/models/pipeline-add10/infer", "pipeline-add10.pipeline", null);
        assertThat(r.status().code()).isEqualTo(200);
        String output = firstOutputName(r);
        // The answer names the pipeline that gave it, as Seldon's pipeline routes do.
        assertThat(r.headers().getAll("x-seldon-route"))
            .contains(output.equals("ADDED") ? ":pipeline-add10.pipeline:" : ":pipeline-mul10.pipeline:");
        byOutput.merge(output, 1, Integer::sum);
      }
      assertThat(byOutput).containsOnlyKeys("ADDED", "MULTIPLIED");

      var sticky = RequestHeaders.builder(HttpMethod.POST, "/v2/models/x/infer").contentType(MediaType.JSON)
          .add("seldon-model", "addmul10.experiment").add("x-seldon-route", ":pipeline-mul10.pipeline:").build();
      for (int i = 0; i < 10; i++) {
        assertThat(firstOutputName(http.execute(sticky, BODY))).isEqualTo("MULTIPLIED");
      }

      ModelInferResponse overGrpc = grpc("addmul10.experiment").modelInfer(floats("INPUT0", 1f));
      assertThat(overGrpc.getOutputs(0).getName()).isIn("ADDED", "MULTIPLIED");
    }
  }

  @Test
  void aPipelineExperimentsMirrorGetsACopyWhoseAnswerIsDropped() throws Exception {
    pipelines.register(NS, "pipeline-add10");
    pipelines.register(NS, "pipeline-mul10");
    try (FakeDataflow add = new FakeDataflow(settings, NS, "pipeline-add10", echoAs("ADDED"));
         FakeDataflow mul = new FakeDataflow(settings, NS, "pipeline-mul10", echoAs("MULTIPLIED"))) {
      control.publishPipelineExperiment("addmul10-mirror", "pipeline-add10", "pipeline-mul10", 100, "pipeline-add10", 100);
      await().atMost(DEADLINE).until(() -> post("/v2/models/x/infer", "addmul10-mirror.experiment", null).status().code() == 200);
      int mirroredBefore = mul.seen.size();

      for (int i = 0; i < 5; i++) {
        AggregatedHttpResponse r = post("/v2/pipelines/pipeline-add10/infer", null, "mirrored-" + i);
        assertThat(r.status().code()).isEqualTo(200);
        assertThat(firstOutputName(r)).isEqualTo("ADDED");
      }

      await().atMost(DEADLINE).until(() -> mul.seen.size() - mirroredBefore == 5);
      assertThat(mul.seen.stream().map(r -> r.key()).filter(k -> k.contains(".mirrored-"))).hasSize(5);
    }
    await().atMost(DEADLINE).until(() -> pipelines.pendingCount() == 0);
  }

  @Test
  void readyAnswersForRegisteredPipelinesOnly() {
    pipelines.register(NS, "echo");

    assertThat(http.get("/v2/pipelines/echo/ready").status().code()).isEqualTo(200);
    assertThat(http.execute(RequestHeaders.builder(HttpMethod.GET, "/v2/models/echo/ready").add("seldon-model", "echo.pipeline").build())
        .status().code()).isEqualTo(200);
    AggregatedHttpResponse unknown = http.get("/v2/pipelines/nope/ready");
    assertThat(unknown.status().code()).isEqualTo(404);
    assertThat(unknown.contentUtf8()).isEqualTo("{\"error\":\"pipeline nope not found\"}");

    AggregatedHttpResponse inferUnknown = post("/v2/pipelines/nope/infer", null, null);
    assertThat(inferUnknown.status().code()).isEqualTo(404);
    assertThat(inferUnknown.contentUtf8()).isEqualTo("{\"error\":\"pipeline nope not found\"}");
    assertThatThrownBy(() -> grpc("nope.pipeline").modelInfer(floats("INPUT0", 1f)))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));

    pipelines.unregister(NS, "echo");
    assertThat(http.get("/v2/pipelines/echo/ready").status().code()).isEqualTo(404);
  }

  @Test
  void aPipelineIsReadyOnlyWhileEveryStepModelHasAReplica() {
    pipelines.register(NS, "chain", java.util.List.of("tokenizer"));

    AggregatedHttpResponse notReady = http.get("/v2/pipelines/chain/ready");
    assertThat(notReady.status().code()).isEqualTo(424);
    assertThat(notReady.contentUtf8()).isEqualTo(
        "{\"error\":\"pipeline chain is not ready: step model tokenizer has no available replica\"}");
    assertThat(grpc("chain.pipeline").modelReady(ModelReadyRequest.newBuilder().setName("chain").build()).getReady()).isFalse();

    control.publish("tokenizer", 1, "127.0.0.1:1");

    await().atMost(DEADLINE).until(() -> http.get("/v2/pipelines/chain/ready").status().code() == 200);
    assertThat(grpc("chain.pipeline").modelReady(ModelReadyRequest.newBuilder().setName("chain").build()).getReady()).isTrue();
  }

  @Test
  void aFailedStepReachesTheCallerAs400AndInvalidArgument() throws Exception {
    pipelines.register(NS, "broken");
    try (FakeDataflow dataflow = new FakeDataflow(settings, NS, "broken", r -> new Failure("classifier", "input tensor has shape [1,2], expected [1,4]"))) {
      AggregatedHttpResponse rest = post("/v2/pipelines/broken/infer", null, null);

      assertThat(rest.status().code()).isEqualTo(400);
      assertThat(rest.contentUtf8()).isEqualTo("{\"error\":\"classifier: input tensor has shape [1,2], expected [1,4]\"}");
      assertThatThrownBy(() -> grpc("broken.pipeline").modelInfer(floats("INPUT0", 1f)))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).isEqualTo("classifier: input tensor has shape [1,2], expected [1,4]");
          });
    }
  }

  @Test
  void aPipelineThatNeverAnswersTimesOutWith504AndDeadlineExceeded() throws Exception {
    try (Gateway quick = Gateway.start(new GatewayConfig("127.0.0.1", 0, control.target())
        .withKafka(settings).withRequestTimeout(Duration.ofSeconds(1)))) {
      quick.pipelineGateway().orElseThrow().register(NS, "silent");
      BlockingWebClient client = WebClient.builder("http://127.0.0.1:" + quick.port()).factory(clients).build().blocking();

      AggregatedHttpResponse rest = client.execute(
          RequestHeaders.builder(HttpMethod.POST, "/v2/pipelines/silent/infer").contentType(MediaType.JSON).build(), BODY);

      assertThat(rest.status().code()).isEqualTo(504);
      assertThat(rest.contentUtf8()).startsWith("{\"error\":\"pipeline silent did not answer within 1000 ms");
      assertThatThrownBy(() -> GrpcClients.builder("http://127.0.0.1:" + quick.port()).factory(clients)
              .addHeader("seldon-model", "silent.pipeline").build(GRPCInferenceServiceBlockingStub.class)
              .modelInfer(floats("INPUT0", 1f)))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
      assertThat(quick.pipelineGateway().orElseThrow().pendingCount()).isZero();
    }
  }

  @Test
  void aCallerThatGoesAwayIsForgotten() {
    pipelines.register(NS, "silent");
    HttpResponse response = WebClient.builder("http://127.0.0.1:" + gateway.port()).factory(clients).build()
        .execute(RequestHeaders.builder(HttpMethod.POST, "/v2/pipelines/silent/infer").contentType(MediaType.JSON).build(), BODY);
    await().atMost(DEADLINE).until(() -> pipelines.pendingCount() == 1);

    response.abort();

    // Long before the gateway's 60 s timeout.
    await().atMost(Duration.ofSeconds(10)).until(() -> pipelines.pendingCount() == 0);
  }

  @Test
  void aRequestLargerThanTheKafkaLimitIs413() {
    KafkaSettings small = settings.withMaxMessageBytes(1024 * 1024);
    try (Gateway limited = Gateway.start(new GatewayConfig("127.0.0.1", 0, control.target()).withKafka(small))) {
      limited.pipelineGateway().orElseThrow().register(NS, "small");
      String values = ",0.5".repeat(300_000).substring(1);
      String body = "{\"inputs\":[{\"name\":\"x\",\"shape\":[300000],\"datatype\":\"FP32\",\"data\":[" + values + "]}]}";

      AggregatedHttpResponse rest = WebClient.builder("http://127.0.0.1:" + limited.port()).factory(clients).build().blocking()
          .execute(RequestHeaders.builder(HttpMethod.POST, "/v2/pipelines/small/infer").contentType(MediaType.JSON).build(), body);

      assertThat(rest.status().code()).isEqualTo(413);
      assertThat(rest.contentUtf8()).isEqualTo("{\"error\":\"the request is larger than the Kafka limit of 1048576 bytes\"}");
    }
  }

  @Test
  void aTwentyMegabyteTensorMakesTheRoundTrip() throws Exception {
    pipelines.register(NS, "big");
    byte[] raw = new byte[20 * 1024 * 1024];
    new Random(7).nextBytes(raw);
    ModelInferRequest request = ModelInferRequest.newBuilder()
        .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("blob").setDatatype("UINT8").addShape(raw.length))
        .addRawInputContents(ByteString.copyFrom(raw))
        .build();
    try (FakeDataflow dataflow = new FakeDataflow(settings, NS, "big", FakeDataflow.ECHO)) {
      ModelInferResponse response = grpc("big.pipeline").withDeadlineAfter(60, TimeUnit.SECONDS).modelInfer(request);

      assertThat(response.getRawOutputContentsCount()).isEqualTo(1);
      assertThat(response.getRawOutputContents(0).toByteArray()).isEqualTo(raw);
    }
  }
}
