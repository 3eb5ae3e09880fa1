package io.trantor.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trantor server list|status}. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = "Inspect servers and their replicas.",
    subcommands = {ServerCommand.List.class, ServerCommand.Status.class, ServerCommand.Drain.class})
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

  @Command(
      name = "drain",
      mixinStandardHelpOptions = true,
      description = "Drain one replica of a server: it takes no new models, its models move to other replicas"
          + " (loaded there and routed before they unload here), its in-flight requests finish; capped by the"
          + " Server's podSpec.terminationGracePeriodSeconds (default 120).")
  static final class Drain implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ControlEndpointMixin endpoint;
    @Mixin NamespaceMixin ns;

    @Parameters(paramLabel = "NAME", description = "Server name.")
    String name;

    @Option(names = "--replica", required = true, paramLabel = "I", description = "Index of the replica to drain.")
    int replica;

    @Override
    public Integer call() {
      try (ControlClient client = new ControlClient(endpoint.target())) {
        var drained = client.drain(ns.namespace, name, replica);
        var out = spec.commandLine().getOut();
        out.printf("server %s replica %d drained: moved %s%s%s%n", name, replica,
            drained.getMovedModelsList().isEmpty() ? "no models" : String.join(", ", drained.getMovedModelsList()),
            drained.getStayedModelsList().isEmpty() ? "" : "; stayed " + String.join("; ", drained.getStayedModelsList()),
            drained.getTimedOut() ? " (grace period ended first)" : "");
        out.flush();
      }
      return ExitCode.OK.code();
    }
  }
}
