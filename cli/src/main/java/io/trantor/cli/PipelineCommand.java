package io.trantor.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trantor pipeline load|unload|status|list|infer|inspect}: Seldon's pipeline verbs. */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    description = "Load, unload, inspect and call pipelines (model graphs over Kafka).",
    subcommands = {
      PipelineCommand.Load.class,
      PipelineCommand.Unload.class,
      PipelineCommand.Status.class,
      PipelineCommand.List.class,
      PipelineCommand.Infer.class,
      PipelineInspectCommand.class
    })
public final class PipelineCommand {
  static final String KIND = "Pipeline";

  @Command(name = "load", mixinStandardHelpOptions = true, description = "Load (apply) the Pipeline(s) of a manifest.")
  static final class Load extends ResourceVerbs.Apply {
    Load() {
      super(KIND, "PipelineReady");
    }
  }

  @Command(name = "unload", mixinStandardHelpOptions = true, description = "Unload (delete) a pipeline; its topics stay unless cleanTopicsOnDelete.")
  static final class Unload extends ResourceVerbs.Delete {
    Unload() {
      super(KIND, "unloaded");
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Show a pipeline's state, its steps' models and topics.")
  static final class Status extends ResourceVerbs.Status {
    Status() {
      super(KIND);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List pipelines and their states.")
  static final class List extends ResourceVerbs.List {
    List() {
      super(KIND);
    }
  }

  @Command(
      name = "infer",
      mixinStandardHelpOptions = true,
      description = {
        "Send an OIP inference request to a pipeline through the gateway (Seldon-Model: NAME.pipeline) and print the response.",
        "JSON is the OIP REST request body, @FILE to read it from a file, or - for standard input."
      })
  static final class Infer implements Callable<Integer> {
    @Spec CommandSpec spec;
    // Accepted like every verb's, so scripts can pass --control everywhere; infer goes to the gateway.
    @Mixin ControlEndpointMixin control;

    @Parameters(index = "0", paramLabel = "NAME", description = "Pipeline name.")
    String name;

    @Parameters(index = "1", paramLabel = "JSON", description = "Request body (OIP REST JSON), @FILE or -.")
    String body;

    @Mixin InferenceOptions inference;

    @Override
    public Integer call() throws Exception {
      byte[] json = InferenceCall.requestBody(body);
      InferenceTarget target = InferenceTarget.viaGateway(inference.inferenceHost, name, name + ".pipeline");
      inference.send(target, json, spec.commandLine().getOut(), control.tls());
      return ExitCode.OK.code();
    }
  }
}
