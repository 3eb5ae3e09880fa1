package io.trantor.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trantor model load -f FILE [--wait]}. */
@Command(name = "load", mixinStandardHelpOptions = true, description = "Load (apply) the Model(s) of a manifest.")
public final class ModelLoadCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ControlEndpointMixin endpoint;

  @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE", description = "Model manifest, or - for standard input.")
  String file;

  @Option(names = "--wait", description = "Wait until every model is ModelAvailable.")
  boolean wait;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "How long --wait waits. Default: ${DEFAULT-VALUE}.")
  long timeoutSeconds;

  @Override
  public Integer call() {
    try (ControlClient client = endpoint.connect()) {
      var response = ManifestApply.applyAndReport(client, file, spec.commandLine().getOut());
      if (wait) {
        ManifestApply.awaitEach(
            client, response, "Model", "ModelAvailable", Duration.ofSeconds(timeoutSeconds), spec.commandLine().getErr());
      }
    }
    return ExitCode.OK.code();
  }
}
