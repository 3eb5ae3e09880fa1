package io.trantor.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trantor model infer NAME JSON [--grpc]}: one OIP inference request; prints the response JSON. */
@Command(
    name = "infer",
    mixinStandardHelpOptions = true,
    description = {
      "Send an OIP inference request to a model and print the response.",
      "JSON is the OIP REST request body, @FILE to read it from a file, or - for standard input."
    })
public final class ModelInferCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ControlEndpointMixin control;
  @Mixin NamespaceMixin ns;

  @Parameters(index = "0", paramLabel = "NAME", description = "Model name.")
  String name;

  @Parameters(index = "1", paramLabel = "JSON", description = "Request body (OIP REST JSON), @FILE or -.")
  String body;

  @Mixin InferenceOptions inference;

  @Option(names = "--direct", description = "Skip the gateway: ask the control plane for an Available replica and call it directly.")
  boolean direct;

  @Override
  public Integer call() throws Exception {
    byte[] json = InferenceCall.requestBody(body);
    InferenceTarget target = InferenceTarget.resolve(inference.inferenceHost, direct, control, ns.namespace, name);
    inference.send(target, json, spec.commandLine().getOut(), control.tls());
    return ExitCode.OK.code();
  }

}
