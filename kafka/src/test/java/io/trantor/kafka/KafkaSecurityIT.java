package io.trantor.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trantor.kafka.KafkaSecurity.Mechanism;
import io.trantor.kafka.KafkaSecurity.Sasl;
import io.trantor.kafka.broker.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The SASL settings Trantor writes really authenticate against a broker that demands them. */
class KafkaSecurityIT {
  @TempDir static Path dir;
  static EmbeddedKafka broker;

  @BeforeAll
  static void start() {
    broker = EmbeddedKafka.start("127.0.0.1", 0, dir, Map.of("alice", "alice-secret"));
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  private static KafkaSettings as(Mechanism mechanism, String password) {
    return KafkaSettings.plaintext(broker.saslBootstrapServers().orElseThrow())
        .withSecurity(new KafkaSecurity.SaslPlaintext(Sasl.user(mechanism, "alice", password)));
  }

  @ParameterizedTest
  @EnumSource(value = Mechanism.class, names = {"PLAIN", "SCRAM_SHA_256", "SCRAM_SHA_512"})
  void createsTopicsProducesAndConsumesWithEachMechanism(Mechanism mechanism) throws Exception {
    KafkaSettings settings = as(mechanism, "alice-secret");
    String topic = "secured-" + mechanism.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');

    try (TopicAdmin admin = new TopicAdmin(settings)) {
      admin.ensureTopics(List.of(topic));
    }
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings.producerProperties(), new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS);
    }
    Map<String, Object> consumerProps = new java.util.HashMap<>(settings.consumerProperties("security-it-" + mechanism));
    consumerProps.put("auto.offset.reset", "earliest");
    List<String> seen = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
          seen.add(r.key() + "=" + r.value());
        }
        return !seen.isEmpty();
      });
    }
    assertThat(seen).containsExactly("k=v");
  }

  @ParameterizedTest
  @EnumSource(value = Mechanism.class, names = {"PLAIN", "SCRAM_SHA_512"})
  void aWrongPasswordFailsWithoutShowingIt(Mechanism mechanism) {
    try (TopicAdmin admin = new TopicAdmin(as(mechanism, "wrong-password"))) {
      assertThatThrownBy(admin::listTopics)
          .isInstanceOf(KafkaAdminException.class)
          .hasMessageContaining("Authentication failed")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-password"));
    }
  }
}
