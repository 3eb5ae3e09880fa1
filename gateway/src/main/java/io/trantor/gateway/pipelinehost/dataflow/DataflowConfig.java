package io.trantor.gateway.pipelinehost.dataflow;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How the gateway runs pipeline dataflows.
 *
 * @param kafkaProperties     ready-made client properties (bootstrap.servers, security); the streams
 *                            settings of {@link StreamsSettings} are added on top
 * @param applicationIdPrefix prepended to every Kafka Streams application id (Seldon's
 *                            {@code kafka.consumer.prefix}); may be empty
 * @param stateDir            where the Kafka Streams applications keep their local state
 * @param maxMessageBytes     the largest record, applied alike to producer, consumer and internal topics
 */
public record DataflowConfig(Map<String, Object> kafkaProperties, String applicationIdPrefix, Path stateDir,
                             int maxMessageBytes) {
  public DataflowConfig {
    kafkaProperties = Map.copyOf(kafkaProperties);
    applicationIdPrefix = applicationIdPrefix == null ? "" : applicationIdPrefix;
    Objects.requireNonNull(stateDir, "stateDir");
    if (maxMessageBytes <= 0) {
      throw new IllegalArgumentException("maxMessageBytes must be positive, got " + maxMessageBytes);
    }
  }
}
