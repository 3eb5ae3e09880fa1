package io.trantor.operator.crd;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.Map;

/**
 * {@code config.kafkaConfig}: the brokers, names and client settings (librdkafka keys, values int or
 * string).
 *
 * @param bootstrap the literal dotted key {@code bootstrap.servers}
 */
public record KafkaConfig(
        @JsonProperty("bootstrap.servers") String bootstrap,
        String consumerGroupIdPrefix,
        String debug,
        String topicPrefix,
        Map<String, IntOrString> consumer,
        Map<String, IntOrString> producer,
        Map<String, IntOrString> streams,
        Map<String, IntOrString> topics) {
}
