package io.trantor.gateway.pipelinehost.dataflow;

import io.trantor.protocol.grpc.ModelInferRequest;
import io.trantor.protocol.grpc.ModelInferResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays a model the way the model gateway does: consumes the model's inputs topic, answers each request on
 * the outputs topic with the same key, partition and headers (its inputs echoed as outputs, transformed by
 * a function the test gives). Owns a thread, a consumer and a producer; close it.
 */
final class ModelPlayer implements AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaProducer<String, byte[]> producer;
  private final Thread thread;
  private final AtomicInteger answered = new AtomicInteger();
  private final List<String> keys = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean running = true;

  ModelPlayer(Map<String, Object> consumerProps, Map<String, Object> producerProps, String inputs, String outputs,
              UnaryOperator<ModelInferResponse> model) {
    this.consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
    this.producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
    consumer.subscribe(List.of(inputs));
    this.thread = new Thread(() -> {
      try {
        while (running) {
          for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
            ModelInferResponse response = model.apply(echo(DataflowDriver.parseRequest(record.value())));
            producer.send(new ProducerRecord<>(outputs, record.partition(), record.key(), response.toByteArray(),
                record.headers()));
            keys.add(record.key());
            answered.incrementAndGet();
          }
        }
      } catch (WakeupException e) {
        // closing
      }
    }, "model-player-" + inputs);
    thread.start();
  }

  int answered() {
    return answered.get();
  }

  /** The keys of every request the model received, in order, repeats included. */
  List<String> keys() {
    return List.copyOf(keys);
  }

  private static ModelInferResponse echo(ModelInferRequest request) {
    ModelInferResponse.Builder out = ModelInferResponse.newBuilder().setId(request.getId());
    request.getInputsList().forEach(t -> out.addOutputs(ModelInferResponse.InferOutputTensor.newBuilder()
        .setName(t.getName()).setDatatype(t.getDatatype()).addAllShape(t.getShapeList()).setContents(t.getContents())));
    out.addAllRawOutputContents(request.getRawInputContentsList());
    return out.build();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(10_000);
    consumer.close();
    producer.close();
  }
}
