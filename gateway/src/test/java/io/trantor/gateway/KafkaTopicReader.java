package io.trantor.gateway;

import io.trantor.kafka.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic from the start, all partitions, as a test checking what was written. */
final class KafkaTopicReader implements AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

  KafkaTopicReader(KafkaSettings settings, String topic) {
    Map<String, Object> props = new HashMap<>(settings.consumerProperties("test-reader"));
    props.remove("group.id");
    consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Reads what arrived since the last call and returns everything read so far. */
  List<ConsumerRecord<String, byte[]>> poll() {
    consumer.poll(Duration.ofMillis(100)).forEach(records::add);
    return records;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
