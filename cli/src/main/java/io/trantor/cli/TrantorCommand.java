package io.trantor.cli;

import picocli.CommandLine.Command;

/** The root {@code trantor} command; each verb is a subcommand. */
@Command(
    name = "trantor",
    mixinStandardHelpOptions = true,
    versionProvider = TrantorVersion.class,
    description = "Deploys ML models and serves them over the Open Inference Protocol.",
    subcommands = {
      ApplyCommand.class,
      DeleteCommand.class,
      ManifestStatusCommand.class,
      ConfigCommand.class,
      ModelCommand.class,
      ServerCommand.class,
      PipelineCommand.class,
      ExperimentCommand.class,
      UpCommand.class,
      ServeCommand.class,
      ControlCommand.class,
      GatewayCommand.class,
      AgentCommand.class,
      OperatorCommand.class,
      TemporalCommand.class
    },
    commandListHeading = "%nCommands:%n")
public final class TrantorCommand {}
