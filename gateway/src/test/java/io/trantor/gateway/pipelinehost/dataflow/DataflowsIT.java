package io.trantor.gateway.pipelinehost.dataflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.trantor.gateway.pipelinehost.plan.PipelinePlan;
import io.trantor.compiler.pipeline.TopicNames;
import io.trantor.kafka.KafkaSettings;
import io.trantor.kafka.RecordHeaders;
import io.trantor.kafka.TopicAdmin;
import io.trantor.kafka.broker.EmbeddedKafkaExtension;
import io.trantor.protocol.grpc.ModelInferResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A pipeline's dataflow on a real broker: one step played by a test model, then a new version. */
class DataflowsIT {
  @RegisterExtension
  static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  @TempDir
  Path stateDir;
  private KafkaSettings settings;
  private TopicNames topics;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final List<DataflowStateChange> changes = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    settings = KafkaSettings.plaintext(KAFKA.bootstrapServers()).withPartitions(2, (short) 1)
        .withMaxMessageBytes(MAX_MESSAGE_BYTES);
    topics = settings.topics("it");
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable closeable : closeables.reversed()) {
      closeable.close();
    }
  }

  private <T extends AutoCloseable> T owned(T closeable) {
    closeables.add(closeable);
    return closeable;
  }

  private PipelinePlan plan(String pipeline, String model, long version) {
    String yaml = """
        apiVersion: mlops.seldon.io/v1alpha1
        kind: Pipeline
        metadata: {name: %s}
        spec:
          steps: [{name: %s}]
          output: {steps: [%s]}
        """.formatted(pipeline, model, model);
    PipelinePlan plan = Plans.plan(DataflowDriver.pipeline(yaml), version, pipeline + "-v" + version, topics);
    try (TopicAdmin admin = new TopicAdmin(settings)) {
      admin.ensureTopics(plan.topics());
    }
    return plan;
  }

  private Dataflows dataflows() {
    Dataflows dataflows = owned(new Dataflows(new DataflowConfig(settings.clientProperties(), "it-", stateDir,
        MAX_MESSAGE_BYTES)));
    dataflows.onStateChange(changes::add);
    return dataflows;
  }

  private ModelPlayer model(String model, String group, java.util.function.UnaryOperator<ModelInferResponse> f) {
    Map<String, Object> consumer = new HashMap<>(settings.consumerProperties(group));
    consumer.put("auto.offset.reset", "earliest");
    return owned(new ModelPlayer(consumer, settings.producerProperties(), topics.modelInputs(model),
        topics.modelOutputs(model), f));
  }

  private KafkaProducer<String, byte[]> producer() {
    return owned(new KafkaProducer<>(settings.producerProperties(), new StringSerializer(), new ByteArraySerializer()));
  }

  /** Reads the pipeline's outputs from the start, keyed by record key (later duplicates ignored). */
  private final class Answers implements AutoCloseable {
    final KafkaConsumer<String, byte[]> consumer;
    final Map<String, ConsumerRecord<String, byte[]>> byKey = new HashMap<>();
    final List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();

    Answers(String topic) {
      Map<String, Object> props = new HashMap<>(settings.consumerProperties("answers-" + topic));
      props.put("auto.offset.reset", "earliest");
      consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
      consumer.subscribe(List.of(topic));
    }

    ConsumerRecord<String, byte[]> await(String key) {
      return org.awaitility.Awaitility.await().atMost(DEADLINE).until(() -> {
        consumer.poll(Duration.ofMillis(100)).forEach(r -> {
          byKey.putIfAbsent(r.key(), r);
          all.add(r);
        });
        return byKey.get(key);
      }, r -> r != null);
    }

    @Override
    public void close() {
      consumer.close();
    }
  }

  private static ProducerRecord<String, byte[]> request(String topic, int partition, String key, String pipeline,
                                                        byte[] value) {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, partition, key, value);
    record.headers().add(RecordHeaders.PIPELINE, pipeline.getBytes(StandardCharsets.UTF_8));
    record.headers().add(RecordHeaders.REQUEST_ID, key.substring(key.lastIndexOf('.') + 1).getBytes(StandardCharsets.UTF_8));
    return record;
  }

  @Test
  void oneStepPipelineAnswersOnThePartitionOfTheRequestWithALargeTensor() throws Exception {
    PipelinePlan plan = plan("single", "echo", 1);
    Dataflows dataflows = dataflows();
    dataflows.start(plan);
    await().atMost(DEADLINE).until(() -> dataflows.state("it", "single").equals(new DataflowState.Running(1)));
    model("echo", "echo-model", r -> r);
    Answers answers = owned(new Answers(topics.pipelineOutputs("single")));

    byte[] big = new byte[5 * 1024 * 1024];
    new java.util.Random(3).nextBytes(big);
    var request = io.trantor.protocol.grpc.ModelInferRequest.newBuilder().setId("r1")
        .addInputs(io.trantor.protocol.grpc.ModelInferRequest.InferInputTensor.newBuilder()
            .setName("INPUT").setDatatype("UINT8").addShape(big.length))
        .addRawInputContents(com.google.protobuf.ByteString.copyFrom(big)).build();
    producer().send(request(topics.pipelineInputs("single"), 1, "1.single.r1", "single", request.toByteArray())).get();

    ConsumerRecord<String, byte[]> answer = answers.await("1.single.r1");
    assertThat(answer.partition()).isEqualTo(1);
    ModelInferResponse response = DataflowDriver.parseResponse(answer.value());
    assertThat(Tensors.names(response)).containsExactly("INPUT");
    assertThat(response.getRawOutputContents(0).toByteArray()).isEqualTo(big);
    assertThat(DataflowDriver.header(answer.headers(), RecordHeaders.PIPELINE)).isEqualTo("single");
    assertThat(DataflowDriver.header(answer.headers(), RecordHeaders.REQUEST_ID)).isEqualTo("r1");
    assertThat(changes).extracting(DataflowStateChange::state)
        .startsWith(new DataflowState.Starting(1)).contains(new DataflowState.Running(1));

    dataflows.stop("it", "single");
    assertThat(dataflows.state("it", "single")).isEqualTo(new DataflowState.NotRunning());
    assertThat(changes.getLast()).isEqualTo(new DataflowStateChange("it", "single", "single-v1",
        new DataflowState.NotRunning()));
  }

  @Test
  void newVersionThatCannotRunFailsWithAReasonAndTheOldOneKeepsAnswering() throws Exception {
    PipelinePlan v1 = plan("sturdy", "first", 1);
    Dataflows dataflows = dataflows();
    dataflows.start(v1);
    await().atMost(DEADLINE).until(() -> dataflows.state("it", "sturdy").equals(new DataflowState.Running(1)));
    model("first", "first-model", r -> r);
    Answers answers = owned(new Answers(topics.pipelineOutputs("sturdy")));

    // Version 2 calls a model whose topics were never created.
    PipelinePlan v2 = Plans.plan(DataflowDriver.pipeline("""
        apiVersion: mlops.seldon.io/v1alpha1
        kind: Pipeline
        metadata: {name: sturdy}
        spec:
          steps: [{name: first}, {name: ghost, inputs: [first]}]
          output: {steps: [ghost]}
        """), 2, "sturdy-v2", topics);
    dataflows.start(v2);
    DataflowState failed = await().atMost(DEADLINE).until(() -> dataflows.state("it", "sturdy"),
        s -> s instanceof DataflowState.Failed);
    assertThat(((DataflowState.Failed) failed).version()).isEqualTo(2);
    assertThat(((DataflowState.Failed) failed).reason()).contains("ghost");

    byte[] value = Tensors.request("INPUT", 1).toByteArray();
    producer().send(request(topics.pipelineInputs("sturdy"), 0, "0.sturdy.r1", "sturdy", value)).get();
    assertThat(DataflowDriver.header(answers.await("0.sturdy.r1").headers(), RecordHeaders.PIPELINE_VERSION))
        .isEqualTo("1");
  }

  @Test
  void pipelineWhoseTopicsDoNotExistFailsWithAReason() {
    PipelinePlan plan = Plans.plan(DataflowDriver.pipeline("""
        apiVersion: mlops.seldon.io/v1alpha1
        kind: Pipeline
        metadata: {name: nowhere}
        spec:
          steps: [{name: phantom}]
        """), 1, "nowhere-v1", topics);
    Dataflows dataflows = dataflows();
    dataflows.start(plan);

    DataflowState state = await().atMost(DEADLINE).until(() -> dataflows.state("it", "nowhere"),
        s -> s instanceof DataflowState.Failed);
    assertThat(((DataflowState.Failed) state).reason()).contains("seldon.it.pipeline.nowhere.inputs");
    assertThat(changes).extracting(DataflowStateChange::state).last().isEqualTo(state);
  }

  @Test
  void outputJoinOfTwoStepsKeepsItsStateInKafkaAndAnswersWithBothTensors() throws Exception {
    PipelinePlan plan = Plans.plan(DataflowDriver.pipeline("""
        apiVersion: mlops.seldon.io/v1alpha1
        kind: Pipeline
        metadata: {name: both}
        spec:
          steps:
          - name: left
            inputs: [both.inputs.A]
          - name: right
            inputs: [both.inputs.B]
          output: {steps: [left, right]}
        """), 1, "both-v1", topics);
    try (TopicAdmin admin = new TopicAdmin(settings)) {
      admin.ensureTopics(plan.topics());
    }
    Dataflows dataflows = dataflows();
    dataflows.start(plan);
    await().atMost(DEADLINE).until(() -> dataflows.state("it", "both").equals(new DataflowState.Running(1)));
    model("left", "left-model", r -> r);
    model("right", "right-model", r -> r);
    Answers answers = owned(new Answers(topics.pipelineOutputs("both")));

    byte[] value = Tensors.request(Map.of("A", new float[] {1}, "B", new float[] {2})).toByteArray();
    producer().send(request(topics.pipelineInputs("both"), 0, "0.both.r1", "both", value)).get();

    ModelInferResponse answer = DataflowDriver.parseResponse(answers.await("0.both.r1").value());
    assertThat(Tensors.names(answer)).containsExactly("A", "B");
    try (TopicAdmin admin = new TopicAdmin(settings)) {
      assertThat(admin.listTopics()).contains("it-it-seldon-dataflow-both-v1-pipeline-output-join-changelog");
    }
  }

  @Test
  void newVersionReplacesTheOldOnlyOnceRunningAndNoRequestIsLost() throws Exception {
    PipelinePlan v1 = plan("versioned", "add", 1);
    Dataflows dataflows = dataflows();
    dataflows.start(v1);
    dataflows.start(v1); // idempotent for the same uid
    await().atMost(DEADLINE).until(() -> dataflows.state("it", "versioned").equals(new DataflowState.Running(1)));
    ModelPlayer model = model("add", "add-model", r -> r);
    KafkaProducer<String, byte[]> producer = producer();
    Answers answers = owned(new Answers(topics.pipelineOutputs("versioned")));
    byte[] value = Tensors.request("INPUT", 1, 2).toByteArray();
    producer.send(request(topics.pipelineInputs("versioned"), 0, "0.versioned.old", "versioned", value));
    answers.await("0.versioned.old");

    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String key = (i % 2) + ".versioned.r" + i;
      keys.add(key);
      producer.send(request(topics.pipelineInputs("versioned"), i % 2, key, "versioned", value));
      if (i == 5) {
        dataflows.start(plan("versioned", "add", 2));
        assertThat(dataflows.state("it", "versioned")).isEqualTo(new DataflowState.Starting(2));
      }
    }
    producer.flush();
    await().atMost(DEADLINE).until(() -> dataflows.state("it", "versioned").equals(new DataflowState.Running(2)));
    for (int i = 20; i < 25; i++) {
      String key = (i % 2) + ".versioned.r" + i;
      keys.add(key);
      producer.send(request(topics.pipelineInputs("versioned"), i % 2, key, "versioned", value));
    }
    producer.flush();

    for (String key : keys) {
      assertThat(answers.await(key).partition()).as(key).isEqualTo(Integer.parseInt(key.substring(0, 1)));
    }
    // The new version answers from now on...
    int[] late = {0};
    await().atMost(DEADLINE).until(() -> {
      String key = "0.versioned.late" + late[0]++;
      producer.send(request(topics.pipelineInputs("versioned"), 0, key, "versioned", value)).get();
      return answers.await(key);
    }, r -> "2".equals(DataflowDriver.header(r.headers(), RecordHeaders.PIPELINE_VERSION)));
    // ...and did not replay what the old one had finished before the switch.
    assertThat(model.keys()).filteredOn("0.versioned.old"::equals).hasSize(1);
    assertThat(changes).extracting(DataflowStateChange::uid, DataflowStateChange::state)
        .containsSubsequence(org.assertj.core.groups.Tuple.tuple("versioned-v1", new DataflowState.Running(1)),
            org.assertj.core.groups.Tuple.tuple("versioned-v2", new DataflowState.Starting(2)),
            org.assertj.core.groups.Tuple.tuple("versioned-v2", new DataflowState.Running(2)));
    assertThat(changes).filteredOn(c -> c.uid().equals("versioned-v1"))
        .extracting(DataflowStateChange::state).containsOnlyOnce(new DataflowState.Starting(1));
  }

}
