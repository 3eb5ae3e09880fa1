package io.trantor.operator.crd;

/** {@code scalingConfig.pipelines}: replicas of the pipeline components per pipeline. */
public record PipelineScalingConfig(Integer maxShardCountMultiplier) {
}
