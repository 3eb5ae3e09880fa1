package io.trantor.cli;

import io.trantor.protocol.control.ResourceRef;
import io.trantor.protocol.control.ResourceStatus;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trantor experiment start|stop|status|list}: Seldon's experiment verbs. */
@Command(
    name = "experiment",
    mixinStandardHelpOptions = true,
    description = "Start, stop and inspect experiments (weighted splits and mirrors over models).",
    subcommands = {
      ExperimentCommand.Start.class,
      ExperimentCommand.Stop.class,
      ExperimentCommand.Status.class,
      ExperimentCommand.List.class
    })
public final class ExperimentCommand {
  private static final String KIND = "Experiment";

  @Command(name = "start", mixinStandardHelpOptions = true, description = "Start (apply) the Experiment(s) of a manifest.")
  static final class Start implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ControlEndpointMixin endpoint;

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE", description = "Experiment manifest, or - for standard input.")
    String file;

    @Option(names = "--wait", description = "Wait until every experiment is ExperimentReady.")
    boolean wait;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "How long --wait waits. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Override
    public Integer call() {
      try (ControlClient client = new ControlClient(endpoint.target())) {
        var response = ManifestApply.applyAndReport(client, file, spec.commandLine().getOut());
        if (wait) {
          ManifestApply.awaitEach(
              client, response, KIND, "ExperimentReady", Duration.ofSeconds(timeoutSeconds), spec.commandLine().getErr());
        }
      }
      return ExitCode.OK.code();
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop (delete) an experiment; plain model routing returns.")
  static final class Stop implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ControlEndpointMixin endpoint;
    @Mixin NamespaceMixin ns;

    @Parameters(paramLabel = "NAME", description = "Experiment name.")
    String name;

    @Override
    public Integer call() {
      try (ControlClient client = new ControlClient(endpoint.target())) {
        client.delete(ControlClient.ref(KIND, ns.namespace, name));
      }
      spec.commandLine().getOut().printf("experiment/%s stopped%n", name);
      spec.commandLine().getOut().flush();
      return ExitCode.OK.code();
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Show an experiment's state and split.")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ControlEndpointMixin endpoint;
    @Mixin NamespaceMixin ns;
    @Mixin OutputMixin output;

    @Parameters(paramLabel = "NAME", description = "Experiment name.")
    String name;

    @Option(names = {"-w", "--wait"}, paramLabel = "STATE", description = "Wait until the experiment is in STATE (e.g. ExperimentReady).")
    String waitFor;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "How long -w waits. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Override
    public Integer call() {
      ResourceRef ref = ControlClient.ref(KIND, ns.namespace, name);
      try (ControlClient client = new ControlClient(endpoint.target())) {
        ResourceStatus status = waitFor == null
            ? client.status(ref)
            : StatusWait.until(client, ref, waitFor, Duration.ofSeconds(timeoutSeconds), spec.commandLine().getErr());
        StatusPrinter.print(spec.commandLine().getOut(), output.format, status, true);
      }
      return ExitCode.OK.code();
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List experiments and their states.")
  static final class List implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ControlEndpointMixin endpoint;
    @Mixin OutputMixin output;

    @Override
    public Integer call() {
      try (ControlClient client = new ControlClient(endpoint.target())) {
        StatusPrinter.printList(spec.commandLine().getOut(), output.format, client.list(KIND));
      }
      return ExitCode.OK.code();
    }
  }
}
