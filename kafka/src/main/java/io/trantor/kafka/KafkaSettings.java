package io.trantor.kafka;

import static java.util.Objects.requireNonNull;

import io.trantor.compiler.pipeline.TopicNames;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where Trantor's Kafka is and how every client and topic is configured, so that producers,
 * consumers and topics agree (Seldon #4675/#5126 came from limits that disagreed).
 *
 * @param bootstrapServers    {@code host:port[,host:port]} of the cluster
 * @param topicPrefix         first part of every topic name, {@code seldon} like Seldon; change it to
 *                            share a cluster between installations
 * @param consumerGroupPrefix prepended to every consumer group id, to share a cluster
 * @param partitions          partitions of every topic Trantor creates; all topics of a pipeline
 *                            must have the same count (answers return on the request's partition)
 * @param replicationFactor   replication of every topic Trantor creates
 * @param maxMessageBytes     largest record: producer {@code max.request.size}, consumer
 *                            {@code max.partition.fetch.bytes} and {@code fetch.max.bytes}, and topic
 *                            {@code max.message.bytes} all get this value
 * @param security            authentication and encryption
 */
public record KafkaSettings(
    String bootstrapServers,
    String topicPrefix,
    String consumerGroupPrefix,
    int partitions,
    short replicationFactor,
    int maxMessageBytes,
    KafkaSecurity security) {

  /**
   * 64 MiB: the gateway's default request limit, so any request the gateway accepts fits in a
   * record, and below brokers' default {@code socket.request.max.bytes} (100 MiB), which a batch
   * must also fit under.
   */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

  public KafkaSettings {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("kafka.bootstrapServers: must be host:port[,host:port]");
    }
    topicPrefix = topicPrefix == null || topicPrefix.isBlank() ? TopicNames.DEFAULT_PREFIX : topicPrefix;
    new TopicNames(topicPrefix, "default"); // validates the prefix with Seldon's pattern
    consumerGroupPrefix = consumerGroupPrefix == null ? "" : consumerGroupPrefix;
    if (partitions < 1) {
      throw new IllegalArgumentException("kafka.partitions: must be >= 1, got " + partitions);
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("kafka.replicationFactor: must be >= 1, got " + replicationFactor);
    }
    if (maxMessageBytes < 1024 * 1024) {
      throw new IllegalArgumentException("kafka.maxMessageBytes: must be >= 1 MiB, got " + maxMessageBytes);
    }
    requireNonNull(security, "kafka.security");
  }

  /** A cluster without TLS or SASL, with Seldon's defaults for everything else. */
  public static KafkaSettings plaintext(String bootstrapServers) {
    return new KafkaSettings(bootstrapServers, TopicNames.DEFAULT_PREFIX, "", 1, (short) 1,
        DEFAULT_MAX_MESSAGE_BYTES, new KafkaSecurity.Plaintext());
  }

  public KafkaSettings withSecurity(KafkaSecurity newSecurity) {
    return new KafkaSettings(bootstrapServers, topicPrefix, consumerGroupPrefix, partitions, replicationFactor, maxMessageBytes, newSecurity);
  }

  public KafkaSettings withPrefixes(String newTopicPrefix, String newConsumerGroupPrefix) {
    return new KafkaSettings(bootstrapServers, newTopicPrefix, newConsumerGroupPrefix, partitions, replicationFactor, maxMessageBytes, security);
  }

  public KafkaSettings withPartitions(int newPartitions, short newReplicationFactor) {
    return new KafkaSettings(bootstrapServers, topicPrefix, consumerGroupPrefix, newPartitions, newReplicationFactor, maxMessageBytes, security);
  }

  public KafkaSettings withMaxMessageBytes(int newMax) {
    return new KafkaSettings(bootstrapServers, topicPrefix, consumerGroupPrefix, partitions, replicationFactor, newMax, security);
  }

  /** {@code bootstrap.servers} plus the security settings: enough for an Admin client. */
  public Map<String, Object> clientProperties() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("bootstrap.servers", bootstrapServers);
    p.putAll(security.clientProperties());
    return p;
  }

  /** Producer settings: the size limit, full acknowledgement, and no batching delay. */
  public Map<String, Object> producerProperties() {
    Map<String, Object> p = clientProperties();
    p.put("max.request.size", maxMessageBytes);
    // The producer's buffer must hold at least one record of the largest size.
    p.put("buffer.memory", Math.max(32L * 1024 * 1024, 2L * maxMessageBytes));
    p.put("acks", "all");
    p.put("enable.idempotence", true);
    // Synchronous callers wait for every record; batching delay would only add latency.
    p.put("linger.ms", 0);
    return p;
  }

  /**
   * Consumer settings for group {@code consumerGroupPrefix + group}: the size limit, offsets
   * committed by the application, and reading only committed (transactional) records.
   */
  public Map<String, Object> consumerProperties(String group) {
    Map<String, Object> p = clientProperties();
    p.put("group.id", groupId(group));
    p.put("max.partition.fetch.bytes", maxMessageBytes);
    p.put("fetch.max.bytes", maxMessageBytes);
    p.put("enable.auto.commit", false);
    p.put("isolation.level", "read_committed");
    // A member that died with kill -9 holds its partitions until its session times out, and its
    // group's next rebalance waits for that: Kafka's 45 s default would keep a restarted gateway's
    // pipelines from answering for most of a minute. 10 s (the default before Kafka 3.0).
    p.put("session.timeout.ms", GROUP_SESSION_TIMEOUT_MS);
    p.put("heartbeat.interval.ms", GROUP_SESSION_TIMEOUT_MS / 3);
    return p;
  }

  /** The session timeout of Trantor's consumer groups (model gateways and pipeline Streams applications). */
  public static final int GROUP_SESSION_TIMEOUT_MS = 10_000;

  /** The consumer group id for {@code group}, with the shared-cluster prefix. */
  public String groupId(String group) {
    return consumerGroupPrefix + group;
  }

  /** Topic-level configuration of every topic Trantor creates. */
  public Map<String, String> topicConfig() {
    return Map.of("max.message.bytes", String.valueOf(maxMessageBytes));
  }

  /** Seldon's topic names in {@code namespace} under this prefix. */
  public TopicNames topics(String namespace) {
    return new TopicNames(topicPrefix, namespace);
  }

  // The same names as plain strings, for the data plane (which does not see the compiler's types).

  /** The namespace as topic names spell it: {@code default} when blank. */
  public String namespace(String namespace) {
    return topics(namespace).namespace();
  }

  public String modelInputs(String namespace, String model) {
    return topics(namespace).modelInputs(model);
  }

  public String modelOutputs(String namespace, String model) {
    return topics(namespace).modelOutputs(model);
  }

  public String pipelineInputs(String namespace, String pipeline) {
    return topics(namespace).pipelineInputs(pipeline);
  }

  public String pipelineOutputs(String namespace, String pipeline) {
    return topics(namespace).pipelineOutputs(pipeline);
  }

  /** The namespace's shared errors topic. */
  public String errorsTopic(String namespace) {
    return topics(namespace).errors();
  }

  @Override
  public String toString() {
    // The security record redacts its own secrets.
    return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", topicPrefix=" + topicPrefix
        + ", consumerGroupPrefix=" + consumerGroupPrefix + ", partitions=" + partitions
        + ", replicationFactor=" + replicationFactor + ", maxMessageBytes=" + maxMessageBytes
        + ", security=" + security + "]";
  }
}
