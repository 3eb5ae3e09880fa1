package io.trantor.cli;

import picocli.CommandLine.Command;

/** The root {@code trantor} command; each verb is a subcommand. */
@Command(
    name = "trantor",
    mixinStandardHelpOptions = true,
    versionProvider = TrantorVersion.class,
    description = "Deploys ML models and serves them over the Open Inference Protocol.",
    subcommands = {ServeCommand.class},
    commandListHeading = "%nCommands:%n")
public final class TrantorCommand {}
