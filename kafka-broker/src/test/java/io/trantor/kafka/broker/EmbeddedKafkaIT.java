package io.trantor.kafka.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {
  @RegisterExtension static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();

  @Test
  void extensionBrokerCarriesRecordsFromProducerToConsumer() throws Exception {
    createTopic(kafka.bootstrapServers(), "greetings");
    produce(kafka.bootstrapServers(), "greetings", "k1", "hello");

    assertThat(readAll(kafka.bootstrapServers(), "greetings", 1)).containsExactly("k1=hello");
  }

  @Test
  void restartOverTheSameDataDirKeepsTopicsAndRecords(@TempDir Path dir) throws Exception {
    try (EmbeddedKafka first = EmbeddedKafka.start("127.0.0.1", 0, dir)) {
      createTopic(first.bootstrapServers(), "durable");
      produce(first.bootstrapServers(), "durable", "a", "kept");
    }
    try (EmbeddedKafka second = EmbeddedKafka.start("127.0.0.1", 0, dir)) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", second.bootstrapServers()))) {
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("durable");
      }
      assertThat(readAll(second.bootstrapServers(), "durable", 1)).containsExactly("a=kept");
    }
  }

  @Test
  void acceptsRecordsOfTwentyMegabytes() throws Exception {
    createTopic(kafka.bootstrapServers(), "large");
    String big = "x".repeat(20 * 1024 * 1024);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        "bootstrap.servers", kafka.bootstrapServers(), "max.request.size", EmbeddedKafka.MAX_MESSAGE_BYTES,
        "compression.type", "none"), new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>("large", "big", big)).get(60, TimeUnit.SECONDS);
    }
    List<String> got = readAll(kafka.bootstrapServers(), "large", 1, Map.of(
        "max.partition.fetch.bytes", EmbeddedKafka.MAX_MESSAGE_BYTES, "fetch.max.bytes", EmbeddedKafka.MAX_MESSAGE_BYTES));
    assertThat(got.getFirst()).hasSize("big=".length() + big.length());
  }

  private static void createTopic(String bootstrap, String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
          .configs(Map.of("max.message.bytes", String.valueOf(EmbeddedKafka.MAX_MESSAGE_BYTES)))))
          .all().get(30, TimeUnit.SECONDS);
    }
  }

  private static void produce(String bootstrap, String topic, String key, String value) throws Exception {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
        new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }
  }

  private static List<String> readAll(String bootstrap, String topic, int expected) {
    return readAll(bootstrap, topic, expected, Map.of());
  }

  private static List<String> readAll(String bootstrap, String topic, int expected, Map<String, Object> extra) {
    Map<String, Object> props = new java.util.HashMap<>(extra);
    props.put("bootstrap.servers", bootstrap);
    List<String> seen = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(Set.of(tp));
      consumer.seekToBeginning(Set.of(tp));
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          seen.add(r.key() + "=" + r.value());
        }
        return seen.size() >= expected;
      });
    }
    return seen;
  }
}
