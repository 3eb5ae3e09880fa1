package io.trantor.operator.crd;

/** {@code config.scalingConfig} of a SeldonConfig or SeldonRuntime. */
public record ScalingConfig(ModelScalingConfig models, ServerScalingConfig servers,
        PipelineScalingConfig pipelines) {
}
