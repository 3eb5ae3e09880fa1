package io.trantor.cli;

import picocli.CommandLine.Option;

/**
 * {@code --control HOST:PORT} (Seldon's spelling: {@code --scheduler-host}): where the control plane
 * is. Else the active config's {@code controlplane.schedulerHost}, else {@code TRANTOR_CONTROL},
 * else Seldon's {@code SELDON_SCHEDULE_HOST}, else localhost:9004.
 */
public final class ControlEndpointMixin {
  static final String DEFAULT = "localhost:9004";

  @Option(
      names = {"--control", "--scheduler-host"},
      paramLabel = "HOST:PORT",
      description = "Control plane address. Default: the active config, else $TRANTOR_CONTROL, else $SELDON_SCHEDULE_HOST, else " + DEFAULT + ".")
  String control;

  // Seldon's CLI writes to its scheduler only with --force (Kubernetes is its source of truth);
  // Trantor's control plane is the source of truth, so the flag is accepted and changes nothing.
  @Option(names = "--force", description = "Accepted for Seldon scripts; the CLI always acts on the control plane.")
  boolean force;

  String target() {
    String target = CliConfigs.first(control, CliConfigs.active().schedulerHost(), System.getenv("TRANTOR_CONTROL"),
        System.getenv("SELDON_SCHEDULE_HOST"));
    return target != null ? target : DEFAULT;
  }
}
