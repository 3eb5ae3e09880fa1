package io.trantor.cli;

import picocli.CommandLine.Option;

/** {@code --control HOST:PORT}: where the control plane is (env TRANTOR_CONTROL, default localhost:9004). */
public final class ControlEndpointMixin {
  static final String DEFAULT = "localhost:9004";

  @Option(
      names = "--control",
      paramLabel = "HOST:PORT",
      description = "Control plane address. Default: $TRANTOR_CONTROL, else " + DEFAULT + ".")
  String control;

  String target() {
    if (control != null && !control.isBlank()) {
      return control;
    }
    String env = System.getenv("TRANTOR_CONTROL");
    return env != null && !env.isBlank() ? env : DEFAULT;
  }
}
