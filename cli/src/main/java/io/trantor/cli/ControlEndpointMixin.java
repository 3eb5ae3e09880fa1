package io.trantor.cli;

import io.trantor.security.ClientTlsFiles;
import io.trantor.security.ControlToken;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --control HOST:PORT}: where the control plane is (env TRANTOR_CONTROL, default
 * localhost:9004), with the TLS options to reach it and {@code --token-file} (env
 * TRANTOR_CONTROL_TOKEN) for a control plane that requires a token.
 */
public final class ControlEndpointMixin {
  static final String DEFAULT = "localhost:9004";

  @Option(
      names = "--control",
      paramLabel = "HOST:PORT",
      description = "Control plane address. Default: $TRANTOR_CONTROL, else " + DEFAULT + ".")
  String control;

  @Mixin ClientTlsMixin tls;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "File with the control plane's token (sent as a bearer token). Default: $TRANTOR_CONTROL_TOKEN (the token itself).")
  Path tokenFile;

  String target() {
    if (control != null && !control.isBlank()) {
      return control;
    }
    String env = System.getenv("TRANTOR_CONTROL");
    return env != null && !env.isBlank() ? env : DEFAULT;
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
