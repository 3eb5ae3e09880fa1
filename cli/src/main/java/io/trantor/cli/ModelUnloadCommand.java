package io.trantor.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trantor model unload NAME}. */
@Command(name = "unload", mixinStandardHelpOptions = true, description = "Unload (delete) a model.")
public final class ModelUnloadCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ControlEndpointMixin endpoint;
  @Mixin NamespaceMixin ns;

  @Parameters(paramLabel = "NAME", description = "Model name.")
  String name;

  @Override
  public Integer call() {
    try (ControlClient client = endpoint.connect()) {
      client.delete(ControlClient.ref("Model", ns.namespace, name));
    }
    spec.commandLine().getOut().printf("model/%s unloaded%n", name);
    spec.commandLine().getOut().flush();
    return ExitCode.OK.code();
  }
}
