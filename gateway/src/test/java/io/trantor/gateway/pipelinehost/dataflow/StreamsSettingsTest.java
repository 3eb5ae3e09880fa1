package io.trantor.gateway.pipelinehost.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.gateway.pipelinehost.plan.PipelinePlan;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {
  private static final DataflowConfig CONFIG = new DataflowConfig(
      Map.of("bootstrap.servers", "kafka:9092", "security.protocol", "SSL"), "team-", Path.of("state"), 5_000_000);

  private static PipelinePlan plan(String uid) {
    return Plans.plan(DataflowDriver.sample("tfsimples-join.yaml"), 4, uid, DataflowDriver.TOPICS);
  }

  @Test
  void applicationIdIsSeldonsWithPrefixAndNamespaceAndALongUidHashed() {
    assertThat(StreamsSettings.applicationId(CONFIG, plan("cs1abc"))).isEqualTo("team-ns-seldon-dataflow-cs1abc");
    // md5("0123456789abcdefXYZ"), as `printf %s 0123456789abcdefXYZ | md5sum` prints it
    assertThat(StreamsSettings.applicationId(CONFIG, plan("0123456789abcdefXYZ")))
        .isEqualTo("team-ns-seldon-dataflow-c6d43f1741d2b593dea5fd8055af6072");
  }

  @Test
  void messageSizeLimitIsTheSameForProducerConsumerAndInternalTopics() {
    Properties p = StreamsSettings.of(CONFIG, plan("u"));

    assertThat(p).containsEntry("producer.max.request.size", 5_000_000)
        .containsEntry("consumer.max.partition.fetch.bytes", 5_000_000)
        .containsEntry("consumer.fetch.max.bytes", 5_000_000)
        .containsEntry("topic.max.message.bytes", "5000000");
    assertThat((Long) p.get("producer.buffer.memory")).isGreaterThanOrEqualTo(2L * 5_000_000);
  }

  @Test
  void clientSettingsArePassedAndLatencySettingsAdded() {
    Properties p = StreamsSettings.of(CONFIG, plan("u"));

    assertThat(p).containsEntry("bootstrap.servers", "kafka:9092").containsEntry("security.protocol", "SSL")
        .containsEntry("commit.interval.ms", 100L).containsEntry("statestore.cache.max.bytes", 0)
        .containsEntry("producer.linger.ms", 0).containsEntry("topology.optimization", "none")
        .containsEntry("processing.guarantee", "at_least_once")
        .containsEntry("consumer.auto.offset.reset", "earliest").containsEntry("max.task.idle.ms", -1L)
        // a killed gateway's group members are let go after 10 s, so a restarted one runs within it
        .containsEntry("consumer.session.timeout.ms", 10_000).containsEntry("consumer.heartbeat.interval.ms", 3_333);
    assertThat(p.getProperty("state.dir")).isEqualTo(Path.of("state").toAbsolutePath().toString());
  }

  @Test
  void threadsFollowSeldonsLogOfTheStepCount() {
    assertThat(StreamsSettings.threads(plan("u"))).isEqualTo(1); // 3 steps
    assertThat(StreamsSettings.threads(Plans.plan(DataflowDriver.pipeline("""
        apiVersion: mlops.seldon.io/v1alpha1
        kind: Pipeline
        metadata: {name: wide}
        spec:
          steps: [{name: a}, {name: b}, {name: c}, {name: d}, {name: e}]
        """), 1, "u", DataflowDriver.TOPICS))).isEqualTo(2);
  }

  @Test
  void replacedVersionDrainsForItsLongestJoinWindowAtMostAMinute() {
    assertThat(Dataflows.drainMs(plan("u"))).isEqualTo(60_000);
    assertThat(Dataflows.drainMs(Plans.plan(DataflowDriver.sample("tfsimples.yaml"), 1, "u",
        DataflowDriver.TOPICS))).isZero();
  }
}
