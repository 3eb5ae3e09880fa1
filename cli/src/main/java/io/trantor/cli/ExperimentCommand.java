package io.trantor.cli;

import picocli.CommandLine.Command;

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
  static final class Start extends ResourceVerbs.Apply {
    Start() {
      super(KIND, "ExperimentReady");
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop (delete) an experiment; plain model routing returns.")
  static final class Stop extends ResourceVerbs.Delete {
    Stop() {
      super(KIND, "stopped");
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Show an experiment's state and split.")
  static final class Status extends ResourceVerbs.Status {
    Status() {
      super(KIND);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List experiments and their states.")
  static final class List extends ResourceVerbs.List {
    List() {
      super(KIND);
    }
  }
}
