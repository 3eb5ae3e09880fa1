package io.trantor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.compiler.pipeline.TopicNames;
import io.trantor.kafka.broker.EmbeddedKafkaExtension;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TopicAdminIT {
  @RegisterExtension static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();

  @Test
  void createsTopicsWithTheSettingsPartitionsAndSizeLimitAndIsIdempotent() throws Exception {
    KafkaSettings settings = KafkaSettings.plaintext(kafka.bootstrapServers()).withPartitions(3, (short) 1);
    TopicNames names = settings.topics("ns1");
    List<String> topics = List.of(names.modelInputs("iris"), names.modelOutputs("iris"));

    try (TopicAdmin admin = new TopicAdmin(settings)) {
      admin.ensureTopics(topics);
      admin.ensureTopics(topics); // a retried step must not fail
      assertThat(admin.listTopics()).containsAll(topics);
    }

    try (Admin admin = Admin.create(settings.clientProperties())) {
      TopicDescription d = admin.describeTopics(Set.of(names.modelInputs("iris"))).allTopicNames().get(30, TimeUnit.SECONDS)
          .get(names.modelInputs("iris"));
      assertThat(d.partitions()).hasSize(3);
      ConfigResource res = new ConfigResource(ConfigResource.Type.TOPIC, names.modelInputs("iris"));
      assertThat(admin.describeConfigs(Set.of(res)).all().get(30, TimeUnit.SECONDS).get(res).get("max.message.bytes").value())
          .isEqualTo(String.valueOf(KafkaSettings.DEFAULT_MAX_MESSAGE_BYTES));
    }
  }

  @Test
  void deletesTopicsAndIgnoresMissingOnes() {
    KafkaSettings settings = KafkaSettings.plaintext(kafka.bootstrapServers());
    String topic = settings.topics("ns2").pipelineInputs("p");

    try (TopicAdmin admin = new TopicAdmin(settings)) {
      admin.ensureTopics(List.of(topic));
      admin.deleteTopics(List.of(topic, "seldon.ns2.pipeline.never-created.inputs"));

      assertThat(admin.listTopics()).doesNotContain(topic);
    }
  }
}
