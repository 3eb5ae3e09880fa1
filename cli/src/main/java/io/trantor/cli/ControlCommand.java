package io.trantor.cli;

import io.trantor.control.ControlConfig;
import io.trantor.control.ControlPlane;
import io.trantor.control.ControlSecurity;
import io.trantor.control.EmbeddedTemporal;
import io.trantor.control.ServerReplicas;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trantor control}: the control plane alone (its servers are started by someone else:
 * {@code trantor agent} processes, or Kubernetes). Stateless: kill it and start it again, and the
 * workflows in Temporal carry on.
 */
@Command(name = "control", mixinStandardHelpOptions = true, description = "Run the control plane alone.")
public final class ControlCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin TemporalMixin temporal;
  @Mixin KafkaMixin kafka;
  // Accepted (and checked) as on every role; the control plane records no spans of its own yet.
  @Mixin TracingMixin tracing;

  @Mixin ServerTlsMixin tls;

  @Option(names = "--control-token-file", paramLabel = "FILE",
      description = "Require this file's token (as a bearer token) on the control API. Needed (or --tls-client-ca) beyond loopback.")
  Path tokenFile;

  @Option(names = "--allow-unauthenticated",
      description = "Listen beyond loopback without a token or mTLS (a mesh in front authenticates callers).")
  boolean allowUnauthenticated;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS", description = "Address to bind. Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(names = "--port", defaultValue = "9004", paramLabel = "PORT", description = "API port. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Keep applied specs here and re-apply them at start.")
  Path dataDir;

  private final ShutdownSignal shutdown;

  ControlCommand(ShutdownSignal shutdown) {
    this.shutdown = shutdown;
  }

  @Override
  public Integer call() throws Exception {
    temporal.validate();
    ControlSecurity security = ControlSecurityOptions.of(tls.listener(), tokenFile, allowUnauthenticated, "--host", host);
    if (temporal.dev()) {
      throw new UserInputException("--temporal dev: only `trantor up` starts a dev server; pass its HOST:PORT here");
    }
    EmbeddedTemporal embedded = temporal.embedded() ? EmbeddedTemporal.start(host, temporal.port) : null;
    try (TracingMixin.Tracing traces = tracing.start("trantor-control", System.getenv());
        ControlPlane control =
        ControlPlane.start(
            new ControlConfig(host, port, embedded != null ? embedded.target() : temporal.temporal, temporal.namespace, dataDir,
                // Pipelines need a cluster; without --kafka (or $TRANTOR_KAFKA) they are refused with that reason.
                kafka.external() ? kafka.settings() : null),
            ServerReplicas.EXTERNAL, security)) {
      spec.commandLine().getOut().printf("trantor control: listening on %s://%s:%d%s%n", security.listener().scheme(), host,
          control.port(), security.token().isPresent() ? " (control token required)" : "");
      spec.commandLine().getOut().flush();
      shutdown.awaitRequest();
    } finally {
      if (embedded != null) {
        embedded.close();
      }
      shutdown.stopped();
    }
    return ExitCode.OK.code();
  }
}
