package io.trantor.cli;

import io.trantor.control.EmbeddedTemporal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trantor temporal}: Temporal's Java test server as its own process, so a control plane can
 * be killed and restarted while the workflows live on (reliability tests, demos). Not durable
 * across its own restarts; use the real Temporal server for that.
 */
@Command(
    name = "temporal",
    mixinStandardHelpOptions = true,
    description = "Run the embedded Temporal service on its own (non-durable; for local use and tests).")
public final class TemporalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS", description = "Address to bind. Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(names = "--port", defaultValue = "7233", paramLabel = "PORT", description = "Port. Default: ${DEFAULT-VALUE}.")
  int port;

  private final ShutdownSignal shutdown;

  TemporalCommand(ShutdownSignal shutdown) {
    this.shutdown = shutdown;
  }

  @Override
  public Integer call() throws Exception {
    try (EmbeddedTemporal temporal = EmbeddedTemporal.start(host, port)) {
      spec.commandLine().getOut().println("trantor temporal: listening on " + temporal.target());
      spec.commandLine().getOut().flush();
      shutdown.awaitRequest();
    } finally {
      shutdown.stopped();
    }
    return ExitCode.OK.code();
  }
}
