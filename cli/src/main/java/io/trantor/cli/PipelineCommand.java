package io.trantor.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
  static final class Load implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ControlEndpointMixin endpoint;
    @Mixin ResourceVerbs.ApplyOptions options;

    @Override
    public Integer call() {
      return ResourceVerbs.apply(endpoint, options, KIND, "PipelineReady", spec.commandLine().getOut(), spec.commandLine().getErr());
    }
  }

  @Command(name = "unload", mixinStandardHelpOptions = true, description = "Unload (delete) a pipeline; its topics stay unless cleanTopicsOnDelete.")
  static final class Unload implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ControlEndpointMixin endpoint;
    @Mixin NamespaceMixin ns;

    @Parameters(paramLabel = "NAME", description = "Pipeline name.")
    String name;

    @Override
    public Integer call() {
      return ResourceVerbs.delete(endpoint, ns, KIND, name, "unloaded", spec.commandLine().getOut());
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Show a pipeline's state, its steps' models and topics.")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ControlEndpointMixin endpoint;
    @Mixin NamespaceMixin ns;
    @Mixin OutputMixin output;
    @Mixin ResourceVerbs.WaitOptions options;

    @Parameters(paramLabel = "NAME", description = "Pipeline name.")
    String name;

    @Override
    public Integer call() {
      return ResourceVerbs.status(endpoint, ns, output, options, KIND, name, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List pipelines and their states.")
  static final class List implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ControlEndpointMixin endpoint;
    @Mixin OutputMixin output;

    @Override
    public Integer call() {
      return ResourceVerbs.list(endpoint, output, KIND, spec.commandLine().getOut());
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

    @Option(names = "--grpc", description = "Use gRPC instead of REST.")
    boolean grpc;

    @Option(names = "--inference-host", paramLabel = "HOST:PORT", description = "Gateway address. Default: $TRANTOR_INFER, else localhost:9000.")
    String inferenceHost;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", description = "Request timeout. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
      byte[] json = InferenceCall.requestBody(body);
      InferenceTarget target = InferenceTarget.viaGateway(inferenceHost, name, name + ".pipeline");
      InferenceCall call = new InferenceCall(timeoutSeconds);
      String response = grpc ? call.viaGrpc(target, json) : call.viaRest(target, json);
      spec.commandLine().getOut().println(response);
      spec.commandLine().getOut().flush();
      return ExitCode.OK.code();
    }
  }
}
