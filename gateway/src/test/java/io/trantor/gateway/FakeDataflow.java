package io.trantor.gateway;

import io.trantor.kafka.KafkaSettings;
import io.trantor.kafka.RecordHeaders;
import io.trantor.protocol.grpc.ModelInferRequest;
import io.trantor.protocol.grpc.ModelInferResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The test plays a pipeline's dataflow: it reads every record of the pipeline's inputs topic and
 * writes what {@code step} makes of it to the outputs topic, with the same key, partition and
 * headers, as Seldon's dataflow engine does.
 */
final class FakeDataflow implements AutoCloseable {

  /** What the pipeline makes of one request. */
  sealed interface Outcome {}

  record Answer(ModelInferResponse response) implements Outcome {}

  /** A failed step: the output record carries {@code seldon-pipeline-errors: step} and the reason. */
  record Failure(String step, String reason) implements Outcome {}

  /** Outputs echo the inputs, tensor by tensor. */
  static final Function<ModelInferRequest, Outcome> ECHO = request -> {
    ModelInferResponse.Builder b = ModelInferResponse.newBuilder().setModelName("echo-step").setModelVersion("1").setId(request.getId());
    for (ModelInferRequest.InferInputTensor in : request.getInputsList()) {
      ModelInferResponse.InferOutputTensor.Builder out = ModelInferResponse.InferOutputTensor.newBuilder()
          .setName(in.getName()).setDatatype(in.getDatatype()).addAllShape(in.getShapeList());
      if (in.hasContents()) {
        out.setContents(in.getContents());
      }
      b.addOutputs(out);
    }
    b.addAllRawOutputContents(request.getRawInputContentsList());
    return new Answer(b.build());
  };

  final List<ConsumerRecord<String, byte[]>> seen = new CopyOnWriteArrayList<>();
  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaProducer<String, byte[]> producer;
  private final String outputs;
  private final Function<ModelInferRequest, Outcome> step;
  private final Thread thread;
  private volatile boolean running = true;

  FakeDataflow(KafkaSettings settings, String namespace, String pipeline, Function<ModelInferRequest, Outcome> step) {
    String inputs = settings.topics(namespace).pipelineInputs(pipeline);
    this.outputs = settings.topics(namespace).pipelineOutputs(pipeline);
    this.step = step;
    Map<String, Object> consumerProps = new HashMap<>(settings.consumerProperties("fake-dataflow"));
    consumerProps.remove("group.id");
    this.consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
    this.producer = new KafkaProducer<>(settings.producerProperties(), new StringSerializer(), new ByteArraySerializer());
    List<TopicPartition> partitions = new ArrayList<>();
    consumer.partitionsFor(inputs).forEach(p -> partitions.add(new TopicPartition(inputs, p.partition())));
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    this.thread = Thread.ofPlatform().name("fake-dataflow-" + pipeline).start(this::run);
  }

  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          seen.add(record);
          answer(record);
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  private void answer(ConsumerRecord<String, byte[]> record) {
    ProducerRecord<String, byte[]> out;
    try {
      Outcome outcome = step.apply(ModelInferRequest.parseFrom(record.value()));
      out = switch (outcome) {
        case Answer a -> new ProducerRecord<>(outputs, record.partition(), record.key(), a.response().toByteArray());
        case Failure f -> {
          ProducerRecord<String, byte[]> error = new ProducerRecord<>(outputs, record.partition(), record.key(),
              f.reason().getBytes(StandardCharsets.UTF_8));
          error.headers().add(RecordHeaders.PIPELINE_ERRORS, f.step().getBytes(StandardCharsets.UTF_8));
          yield error;
        }
      };
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError("the pipeline gateway wrote a record that is not a ModelInferRequest", e);
    }
    for (Header h : record.headers()) {
      out.headers().add(h);
    }
    out.headers().add("x-from-dataflow", "yes".getBytes(StandardCharsets.UTF_8));
    producer.send(out);
  }

  static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(Duration.ofSeconds(10));
    producer.close(Duration.ofSeconds(5));
  }
}
