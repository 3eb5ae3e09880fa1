package io.trantor.operator.crd;

/** {@code scalingConfig.models}: whether models autoscale. */
public record ModelScalingConfig(Boolean enabled) {
}
