package io.trantor.operator.crd;

/** {@code scalingConfig.servers}: server autoscaling and scale-down packing. */
public record ServerScalingConfig(Boolean enabled, Boolean scaleDownPackingEnabled,
        Integer scaleDownPackingPercentage) {
}
