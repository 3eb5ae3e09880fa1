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

/** {@code trantor model status NAME [-w STATE]}. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show a model's state, version and replicas.")
public final class ModelStatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ControlEndpointMixin endpoint;
  @Mixin NamespaceMixin ns;
  @Mixin OutputMixin output;

  @Parameters(paramLabel = "NAME", description = "Model name.")
  String name;

  @Option(names = {"-w", "--wait"}, paramLabel = "STATE", arity = "0..1", fallbackValue = StatusWait.READY,
      description = "Wait until the model is in STATE (e.g. ModelAvailable); without STATE, until it is ready (as Seldon's -w).")
  String waitFor;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "How long -w waits. Default: ${DEFAULT-VALUE}.")
  long timeoutSeconds;

  @Override
  public Integer call() {
    ResourceRef ref = ControlClient.ref("Model", ns.namespace, name);
    try (ControlClient client = endpoint.connect()) {
      ResourceStatus status =
          waitFor == null
              ? client.status(ref)
              : StatusWait.until(client, ref, StatusWait.stateOrReady("Model", waitFor), Duration.ofSeconds(timeoutSeconds), spec.commandLine().getErr());
      StatusPrinter.print(spec.commandLine().getOut(), output.format, status, true);
    }
    return ExitCode.OK.code();
  }
}
