package io.trantor.operator.crd;

/** {@code config.agentConfig}. */
public record AgentConfiguration(RcloneConfiguration rclone) {
}
