package io.trantor.gateway.pipelinehost.dataflow;

import io.trantor.gateway.pipelinehost.plan.Flow;
import io.trantor.gateway.pipelinehost.plan.PipelinePlan;
import io.trantor.kafka.KafkaSettings;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams properties of one pipeline version (decisions in {@code package-info.java}). */
final class StreamsSettings {
  static final long COMMIT_INTERVAL_MS = 100;

  private StreamsSettings() {}

  /**
   * {@code <prefix><namespace>-seldon-dataflow-<uid>}, as Seldon names it (the uid replaced by its md5 when
   * longer than 16 characters); one application, hence one consumer group and one set of internal topics,
   * per pipeline version.
   */
  static String applicationId(DataflowConfig config, PipelinePlan plan) {
    String uid = plan.uid().length() > 16 ? md5(plan.uid()) : plan.uid();
    return config.applicationIdPrefix() + plan.namespace() + "-seldon-dataflow-" + uid;
  }

  static Properties of(DataflowConfig config, PipelinePlan plan) {
    Properties p = new Properties();
    p.putAll(config.kafkaProperties());
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId(config, plan));
    p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    p.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.NO_OPTIMIZATION);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads(plan));
    // Never hold a record back to order it by timestamp against other partitions: joins here count
    // wall-clock time from arrival, and waiting would add latency to every step.
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 0);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), config.maxMessageBytes());
    p.put(StreamsConfig.producerPrefix(ProducerConfig.BUFFER_MEMORY_CONFIG),
        Math.max(32L * 1024 * 1024, 2L * config.maxMessageBytes()));
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), config.maxMessageBytes());
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_BYTES_CONFIG), config.maxMessageBytes());
    p.put(StreamsConfig.topicPrefix("max.message.bytes"), String.valueOf(config.maxMessageBytes()));
    // A new application id has no committed offsets: read what was produced before it started.
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    // As every Trantor consumer group (KafkaSettings): a killed gateway's members go after 10 s, not 45.
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), KafkaSettings.GROUP_SESSION_TIMEOUT_MS);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), KafkaSettings.GROUP_SESSION_TIMEOUT_MS / 3);
    return p;
  }

  /** Seldon's rule: max(1, floor(log2(#steps))). */
  static int threads(PipelinePlan plan) {
    long steps = plan.flows().stream().filter(f -> f.role() == Flow.Role.STEP).count();
    return Math.max(1, 63 - Long.numberOfLeadingZeros(Math.max(1, steps)));
  }

  private static String md5(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
      return String.format("%032x", new BigInteger(1, digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has MD5", e);
    }
  }
}
