package io.trantor.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code trantor model list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List models and their states.")
public final class ModelListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ControlEndpointMixin endpoint;
  @Mixin OutputMixin output;

  @Override
  public Integer call() {
    try (ControlClient client = endpoint.connect()) {
      StatusPrinter.printList(spec.commandLine().getOut(), output.format, client.list("Model"));
    }
    return ExitCode.OK.code();
  }
}
