package io.trantor.operator.crd;

/** {@code config} of a SeldonConfig or SeldonRuntime (seldon-api-surface.md §4.6). */
public record SeldonConfiguration(
        ScalingConfig scalingConfig,
        TracingConfig tracingConfig,
        KafkaConfig kafkaConfig,
        AgentConfiguration agentConfig,
        ServiceConfig serviceConfig) {
}
