package io.trantor.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trantor server list|status}. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = "Inspect servers and their replicas.",
    subcommands = {ServerCommand.List.class, ServerCommand.Status.class})
public final class ServerCommand {

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List servers.")
  static final class List implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ControlEndpointMixin endpoint;
    @Mixin OutputMixin output;

    @Override
    public Integer call() {
      try (ControlClient client = endpoint.connect()) {
        StatusPrinter.printList(spec.commandLine().getOut(), output.format, client.list("Server"));
      }
      return ExitCode.OK.code();
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Show a server's replicas, memory and models.")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ControlEndpointMixin endpoint;
    @Mixin NamespaceMixin ns;
    @Mixin OutputMixin output;

    @Parameters(paramLabel = "NAME", description = "Server name.")
    String name;

    @Override
    public Integer call() {
      try (ControlClient client = endpoint.connect()) {
        StatusPrinter.print(
            spec.commandLine().getOut(), output.format, client.status(ControlClient.ref("Server", ns.namespace, name)), true);
      }
      return ExitCode.OK.code();
    }
  }
}
