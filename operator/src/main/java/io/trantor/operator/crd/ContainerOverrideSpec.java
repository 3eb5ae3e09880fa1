package io.trantor.operator.crd;

import io.fabric8.kubernetes.api.model.Container;

/** {@code Server.spec.imageOverrides}: replacements for the agent and rclone sidecars. */
public record ContainerOverrideSpec(Container agent, Container rclone) {
}
