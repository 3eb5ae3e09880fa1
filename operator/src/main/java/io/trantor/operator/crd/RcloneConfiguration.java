package io.trantor.operator.crd;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code config.agentConfig.rclone}: default rclone remotes and the Secrets holding them (snake_case keys). */
public record RcloneConfiguration(
        @JsonProperty("config_secrets") List<String> configSecrets,
        List<String> config) {
}
