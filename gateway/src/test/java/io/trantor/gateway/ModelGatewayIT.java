package io.trantor.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.client.WebClient;
import io.trantor.gateway.pipelinehost.ModelGateway;
import io.trantor.kafka.KafkaSettings;
import io.trantor.kafka.RecordHeaders;
import io.trantor.kafka.TopicAdmin;
import io.trantor.kafka.broker.EmbeddedKafkaExtension;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.grpc.InferTensorContents;
import io.trantor.protocol.grpc.ModelInferRequest;
import io.trantor.protocol.grpc.ModelInferResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ModelGatewayIT {
  private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  @RegisterExtension static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @TempDir Path dir;
  FakeRouteService control;
  ReplicaServer replica;
  KafkaProducer<String, byte[]> producer;

  @BeforeEach
  void setUp() {
    control = FakeRouteService.start();
    replica = ReplicaServer.start(dir.resolve("replica"), "iris_1");
    control.publish("iris", 1, replica.endpoint());
    producer = new KafkaProducer<>(KafkaSettings.plaintext(kafka.bootstrapServers()).producerProperties(),
        new StringSerializer(), new ByteArraySerializer());
  }

  @AfterEach
  void tearDown() throws Exception {
    producer.close();
    control.close();
    replica.close();
  }

  private Gateway startGateway(KafkaSettings settings) {
    Gateway gateway = Gateway.start(new GatewayConfig("127.0.0.1", 0, control.target()).withKafka(settings));
    BlockingWebClient http = WebClient.of("http://127.0.0.1:" + gateway.port()).blocking();
    await().atMost(DEADLINE).until(() -> http.get("/v2/models/iris/ready").status().code() == 200);
    return gateway;
  }

  private static ModelInferRequest floats(float... values) {
    InferTensorContents.Builder contents = InferTensorContents.newBuilder();
    for (float v : values) {
      contents.addFp32Contents(v);
    }
    return ModelInferRequest.newBuilder().setModelName("iris")
        .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("predict").setDatatype("FP32")
            .addShape(1).addShape(values.length).setContents(contents))
        .build();
  }

  private void send(String topic, int partition, String key, byte[] value, Map<String, String> headers) throws Exception {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, partition, key, value);
    headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
    producer.send(record).get(30, TimeUnit.SECONDS);
  }

  private static List<ConsumerRecord<String, byte[]>> awaitRecords(KafkaTopicReader reader, int count) {
    return await().atMost(DEADLINE).until(reader::poll, r -> r.size() >= count);
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    return FakeDataflow.header(record, name);
  }

  @Test
  void answersAProtobufRequestOnTheOutputTopicWithTheSameKeyPartitionAndHeaders() throws Exception {
    KafkaSettings settings = KafkaSettings.plaintext(kafka.bootstrapServers()).withPartitions(3, (short) 1);
    var topics = settings.topics("prod");
    try (Gateway gateway = startGateway(settings)) {
      ModelGateway models = gateway.modelGateway().orElseThrow();
      models.subscribe("prod", "iris");
      assertThat(models.isSubscribed("prod", "iris")).isTrue();

      send(topics.modelInputs("iris"), 2, "2.mypipe.req-7", floats(1f, 2f, 3f, 4f).toByteArray(),
          Map.of(RecordHeaders.PIPELINE, "mypipe", RecordHeaders.REQUEST_ID, "req-7", "x-team", "search",
              RecordHeaders.TRACEPARENT, TRACEPARENT));

      try (KafkaTopicReader outputs = new KafkaTopicReader(settings, topics.modelOutputs("iris"))) {
        ConsumerRecord<String, byte[]> out = awaitRecords(outputs, 1).getFirst();
        assertThat(out.key()).isEqualTo("2.mypipe.req-7");
        assertThat(out.partition()).isEqualTo(2);
        assertThat(header(out, RecordHeaders.PIPELINE)).isEqualTo("mypipe");
        assertThat(header(out, RecordHeaders.REQUEST_ID)).isEqualTo("req-7");
        ModelInferResponse response = ModelInferResponse.parseFrom(out.value());
        assertThat(response.getModelName()).isEqualTo("iris_1");
        assertThat(response.getOutputs(0).getName()).isEqualTo("predict");
      }
      // The model saw the caller's x-* headers, the trace context and the routing header, as over gRPC.
      assertThat(replica.headers).anySatisfy(h -> {
        assertThat(h.get("x-team")).isEqualTo("search");
        assertThat(h.get("traceparent")).isEqualTo(TRACEPARENT);
        assertThat(h.get("seldon-model")).isEqualTo("iris");
      });
    }
  }

  @Test
  void answersJsonWithJsonAndTurnsAnUpstreamResponseIntoTheRequest() throws Exception {
    KafkaSettings settings = KafkaSettings.plaintext(kafka.bootstrapServers());
    var topics = settings.topics("json");
    try (Gateway gateway = startGateway(settings)) {
      gateway.modelGateway().orElseThrow().subscribe("json", "iris");
      String json = "{\"inputs\":[{\"name\":\"predict\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[0.5,1.5]}]}";
      send(topics.modelInputs("iris"), 0, "0.p.json-1", json.getBytes(StandardCharsets.UTF_8), Map.of());
      // An upstream step's answer, typed as such: its outputs become the model's inputs.
      ModelInferResponse upstream = ModelInferResponse.newBuilder()
          .addOutputs(ModelInferResponse.InferOutputTensor.newBuilder().setName("predict").setDatatype("FP32")
              .addShape(1).addShape(1).setContents(InferTensorContents.newBuilder().addFp32Contents(9f)))
          .build();
      send(topics.modelInputs("iris"), 0, "0.p.resp-1", upstream.toByteArray(),
          Map.of(RecordHeaders.INFER_TYPE, "proto/InferModelResponse"));

      try (KafkaTopicReader outputs = new KafkaTopicReader(settings, topics.modelOutputs("iris"))) {
        Map<String, ConsumerRecord<String, byte[]>> byKey = awaitRecords(outputs, 2).stream()
            .collect(Collectors.toMap(ConsumerRecord::key, Function.identity()));
        assertThat(new String(byKey.get("0.p.json-1").value(), StandardCharsets.UTF_8))
            .contains("\"model_name\":\"iris_1\"").contains("[0.5,1.5]");
        assertThat(ModelInferResponse.parseFrom(byKey.get("0.p.resp-1").value()).getOutputs(0).getContents().getFp32ContentsList())
            .containsExactly(9f);
      }
    }
  }

  @Test
  void aFailingModelWritesItsErrorToTheErrorsTopic() throws Exception {
    replica.fake.behaviour((artifact, request) -> {
      throw new InvalidInputException("input predict: expected 4 features, got 2");
    });
    KafkaSettings settings = KafkaSettings.plaintext(kafka.bootstrapServers());
    var topics = settings.topics("errs");
    try (Gateway gateway = startGateway(settings)) {
      gateway.modelGateway().orElseThrow().subscribe("errs", "iris");
      send(topics.modelInputs("iris"), 0, "0.p.bad-1", floats(1f, 2f).toByteArray(), Map.of(RecordHeaders.PIPELINE, "p"));
      send(topics.modelInputs("iris"), 0, "0.p.garbage-1", "not a request".getBytes(StandardCharsets.UTF_8), Map.of());

      try (KafkaTopicReader errors = new KafkaTopicReader(settings, topics.errors())) {
        Map<String, ConsumerRecord<String, byte[]>> byKey = awaitRecords(errors, 2).stream()
            .collect(Collectors.toMap(ConsumerRecord::key, Function.identity()));
        ConsumerRecord<String, byte[]> bad = byKey.get("0.p.bad-1");
        assertThat(errors.records.getFirst().topic()).isEqualTo("seldon.errs.errors.errors");
        assertThat(header(bad, RecordHeaders.PIPELINE_ERRORS)).isEqualTo("iris");
        assertThat(header(bad, RecordHeaders.PIPELINE)).isEqualTo("p");
        assertThat(new String(bad.value(), StandardCharsets.UTF_8)).contains("input predict: expected 4 features, got 2");
        assertThat(new String(byKey.get("0.p.garbage-1").value(), StandardCharsets.UTF_8))
            .isEqualTo("the record is neither an OIP request nor a response (protobuf or JSON)");
      }
      try (KafkaTopicReader outputs = new KafkaTopicReader(settings, topics.modelOutputs("iris"))) {
        assertThat(outputs.poll()).isEmpty();
      }
    }
  }

  @Test
  void aRestartedGatewayAnswersEveryPendingRequestExactlyOnce() throws Exception {
    KafkaSettings settings = KafkaSettings.plaintext(kafka.bootstrapServers());
    var topics = settings.topics("restart");
    String inputs = topics.modelInputs("iris");
    int before = 30;
    try (Gateway first = startGateway(settings)) {
      first.modelGateway().orElseThrow().subscribe("restart", "iris");
      for (int i = 0; i < before; i++) {
        send(inputs, 0, "0.p.r" + i, floats(i).toByteArray(), Map.of());
      }
      try (KafkaTopicReader outputs = new KafkaTopicReader(settings, topics.modelOutputs("iris"))) {
        awaitRecords(outputs, 1); // some answered, probably not all: the gateway goes down mid-stream
      }
    }
    // Written while no gateway runs; answered after the restart.
    for (int i = before; i < before + 10; i++) {
      send(inputs, 0, "0.p.r" + i, floats(i).toByteArray(), Map.of());
    }
    try (Gateway second = startGateway(settings)) {
      second.modelGateway().orElseThrow().subscribe("restart", "iris");
      send(inputs, 0, "0.p.last", floats(0f).toByteArray(), Map.of());

      try (KafkaTopicReader outputs = new KafkaTopicReader(settings, topics.modelOutputs("iris"))) {
        // One partition keeps order, so once "last" is answered every earlier input has been.
        await().atMost(DEADLINE).until(outputs::poll, r -> r.stream().anyMatch(x -> x.key().equals("0.p.last")));
        List<String> keys = outputs.records.stream().map(ConsumerRecord::key).toList();
        assertThat(keys).hasSize(before + 11).doesNotHaveDuplicates();
      }
    }
  }

  @Test
  void anInputAnsweredBeforeACrashButNotCommittedIsNotAnsweredAgain() throws Exception {
    KafkaSettings settings = KafkaSettings.plaintext(kafka.bootstrapServers());
    var topics = settings.topics("crash");
    try (Gateway gateway = startGateway(settings)) {
      ModelGateway models = gateway.modelGateway().orElseThrow();
      // The state a crash leaves: the input was read and answered, its offset never committed
      // (this group has never committed anything for it).
      try (TopicAdmin admin = new TopicAdmin(settings)) {
        admin.ensureTopics(List.of(topics.modelInputs("iris"), topics.modelOutputs("iris"), topics.errors()));
      }
      send(topics.modelInputs("iris"), 0, "0.p.done", floats(1f).toByteArray(), Map.of());
      send(topics.modelOutputs("iris"), 0, "0.p.done", ModelInferResponse.getDefaultInstance().toByteArray(),
          Map.of("x-answered-by", "the-crashed-gateway"));
      send(topics.modelInputs("iris"), 0, "0.p.new", floats(2f).toByteArray(), Map.of());

      models.subscribe("crash", "iris");

      try (KafkaTopicReader outputs = new KafkaTopicReader(settings, topics.modelOutputs("iris"))) {
        await().atMost(DEADLINE).until(outputs::poll, r -> r.stream().anyMatch(x -> x.key().equals("0.p.new")));
        assertThat(outputs.records).extracting(ConsumerRecord::key).containsExactly("0.p.done", "0.p.new");
        assertThat(header(outputs.records.getFirst(), "x-answered-by")).isEqualTo("the-crashed-gateway");
      }
    }
  }
}
