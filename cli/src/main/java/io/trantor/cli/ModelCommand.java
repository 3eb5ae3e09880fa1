package io.trantor.cli;

import picocli.CommandLine.Command;

/** {@code trantor model ...}: the verbs Seldon users know. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = "Load, unload, inspect and call models.",
    subcommands = {
      ModelLoadCommand.class,
      ModelUnloadCommand.class,
      ModelStatusCommand.class,
      ModelListCommand.class,
      ModelInferCommand.class,
      ModelMetadataCommand.class
    })
public final class ModelCommand {}
