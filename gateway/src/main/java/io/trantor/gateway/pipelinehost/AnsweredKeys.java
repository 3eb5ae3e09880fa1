package io.trantor.gateway.pipelinehost;

import io.trantor.kafka.RecordHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;

import io.trantor.kafka.KafkaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The keys the model gateway has already answered, so that a record delivered again (the gateway
 * stopped after writing an answer but before committing the input's offset) is not answered twice.
 * Keys answered by this process are remembered; after a restart or a rebalance, the answers
 * written since the first unanswered input are read back from the output and error topics.
 */
final class AnsweredKeys {
  /** Answers were written after their input, but clocks of different producers may disagree. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
  private static final Duration READ_DEADLINE = Duration.ofSeconds(30);
  private static final int REMEMBERED = 100_000;

  private final KafkaSettings settings;
  private final String clientId;
  private final Map<String, Boolean> keys = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED;
    }
  };

  AnsweredKeys(KafkaSettings settings, String clientId) {
    this.settings = settings;
    this.clientId = clientId;
  }

  /**
   * Whether {@code model} already answered {@code key}. Keys are per model: every step of a pipeline
   * sees the same record key ({@code <partition>.<pipeline>.<requestId>}).
   */
  synchronized boolean contains(String model, String key) {
    return key != null && keys.containsKey(scoped(model, key));
  }

  synchronized void add(String model, String key) {
    if (key != null) {
      keys.put(scoped(model, key), Boolean.TRUE);
    }
  }

  private static String scoped(String model, String key) {
    return model + "\u0000" + key;
  }

  /**
   * Learns the answers to the inputs of newly assigned partitions that are not committed yet.
   *
   * @param committed each input partition with the group's committed offset (null when none)
   * @param answerTopics where answers to an input partition go (the model's outputs and the errors topic)
   * @param modelOf      the model whose input partition it is
   */
  void learn(Map<TopicPartition, Long> committed, Function<TopicPartition, List<String>> answerTopics,
      Function<TopicPartition, String> modelOf) {
    if (committed.isEmpty()) {
      return;
    }
    Map<String, Object> props = new HashMap<>(settings.consumerProperties("unused"));
    props.remove("group.id");
    props.put("client.id", clientId);
    props.put("auto.offset.reset", "earliest");
    try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      committed.forEach((input, offset) -> {
        Long since = firstPendingTimestamp(reader, input, offset);
        if (since == null) {
          return; // nothing waits for an answer
        }
        for (String topic : answerTopics.apply(input)) {
          int partitions = reader.partitionsFor(topic, READ_DEADLINE).size();
          if (partitions > 0) {
            TopicPartition answers = new TopicPartition(topic, Math.min(input.partition(), partitions - 1));
            readKeys(reader, answers, Math.max(0, since - CLOCK_SKEW.toMillis()), modelOf.apply(input));
          }
        }
      });
    }
  }

  /** The timestamp of the first uncommitted input, or null when every input is committed. */
  private static Long firstPendingTimestamp(KafkaConsumer<String, byte[]> reader, TopicPartition input, Long committed) {
    reader.assign(List.of(input));
    long end = reader.endOffsets(Set.of(input), READ_DEADLINE).get(input);
    if (committed == null) {
      reader.seekToBeginning(Set.of(input));
    } else {
      reader.seek(input, committed);
    }
    if (reader.position(input, READ_DEADLINE) >= end) {
      return null;
    }
    long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(100))) {
        return r.timestamp();
      }
    }
    return 0L; // could not read it: read the answers from the start rather than risk a duplicate
  }

  private void readKeys(KafkaConsumer<String, byte[]> reader, TopicPartition answers, long sinceMillis, String model) {
    reader.assign(List.of(answers));
    long end = reader.endOffsets(Set.of(answers), READ_DEADLINE).get(answers);
    OffsetAndTimestamp from = reader.offsetsForTimes(Map.of(answers, sinceMillis), READ_DEADLINE).get(answers);
    if (from == null) {
      return; // nothing written since
    }
    reader.seek(answers, from.offset());
    long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
    while (reader.position(answers) < end && System.nanoTime() < deadline) {
      for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(100))) {
        // The errors topic is shared: its records name the failed model in a header.
        Header failed = r.headers().lastHeader(RecordHeaders.PIPELINE_ERRORS);
        if (failed == null || model.equals(new String(failed.value(), StandardCharsets.UTF_8))) {
          add(model, r.key());
        }
      }
    }
  }
}
