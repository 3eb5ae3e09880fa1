package io.trantor.cli;

import io.trantor.security.ClientTlsFiles;
import io.trantor.security.ControlToken;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --control HOST:PORT} (Seldon's spelling: {@code --scheduler-host}): where the control plane
 * is. Else the active config's {@code controlplane.schedulerHost}, else {@code TRANTOR_CONTROL},
 * else Seldon's {@code SELDON_SCHEDULE_HOST}, else localhost:9004. With the TLS options to reach it
 * and {@code --token-file} (env TRANTOR_CONTROL_TOKEN) for a control plane that requires a token.
 */
public final class ControlEndpointMixin {
  static final String DEFAULT = "localhost:9004";

  @Option(
      names = {"--control", "--scheduler-host"},
      paramLabel = "HOST:PORT",
      description = "Control plane address. Default: the active config, else $TRANTOR_CONTROL, else $SELDON_SCHEDULE_HOST, else " + DEFAULT + ".")
  String control;

  @Mixin ClientTlsMixin tls;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "File with the control plane's token (sent as a bearer token). Default: $TRANTOR_CONTROL_TOKEN (the token itself).")
  Path tokenFile;

  // Seldon's CLI writes to its scheduler only with --force (Kubernetes is its source of truth);
  // Trantor's control plane is the source of truth, so the flag is accepted and changes nothing.
  @Option(names = "--force", description = "Accepted for Seldon scripts; the CLI always acts on the control plane.")
  boolean force;

  String target() {
    String target = CliConfigs.resolve(control, CliConfigs.Settings::schedulerHost, "TRANTOR_CONTROL", "SELDON_SCHEDULE_HOST");
    return target != null ? target : DEFAULT;
  }

  /** How to reach the control plane: TLS when a CA or client certificate is named. */
  ClientTlsFiles tls() {
    return tls.files();
  }

  /** The token to send: {@code --token-file}'s content, else {@code $TRANTOR_CONTROL_TOKEN}. */
  Optional<String> token() {
    if (tokenFile != null) {
      return Optional.of(ControlToken.read(tokenFile).value());
    }
    String env = System.getenv("TRANTOR_CONTROL_TOKEN");
    return env == null || env.isBlank() ? Optional.empty() : Optional.of(env.strip());
  }

  /** A client of the control plane with these settings. */
  ControlClient connect() {
    return new ControlClient(target(), tls(), token());
  }
}
