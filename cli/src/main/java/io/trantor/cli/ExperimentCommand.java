package io.trantor.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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
    @Mixin ResourceVerbs.ApplyOptions options;

    @Override
    public Integer call() {
      return ResourceVerbs.apply(endpoint, options, KIND, "ExperimentReady", spec.commandLine().getOut(), spec.commandLine().getErr());
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
      return ResourceVerbs.delete(endpoint, ns, KIND, name, "stopped", spec.commandLine().getOut());
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Show an experiment's state and split.")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ControlEndpointMixin endpoint;
    @Mixin NamespaceMixin ns;
    @Mixin OutputMixin output;
    @Mixin ResourceVerbs.WaitOptions options;

    @Parameters(paramLabel = "NAME", description = "Experiment name.")
    String name;

    @Override
    public Integer call() {
      return ResourceVerbs.status(endpoint, ns, output, options, KIND, name, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List experiments and their states.")
  static final class List implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ControlEndpointMixin endpoint;
    @Mixin OutputMixin output;

    @Override
    public Integer call() {
      return ResourceVerbs.list(endpoint, output, KIND, spec.commandLine().getOut());
    }
  }
}
