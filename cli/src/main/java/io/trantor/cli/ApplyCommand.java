package io.trantor.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trantor apply -f FILE|-}: create or update every resource of a manifest. */
@Command(
    name = "apply",
    aliases = "load",   // Seldon's `seldon load -f FILE`
    mixinStandardHelpOptions = true,
    description = "Create or update the resources of a manifest (Model, Server, ...; multi-document YAML).")
public final class ApplyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ControlEndpointMixin endpoint;

  @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE", description = "Manifest file, or - for standard input.")
  String file;

  @Override
  public Integer call() {
    try (ControlClient client = endpoint.connect()) {
      ManifestApply.applyAndReport(client, file, spec.commandLine().getOut());
    }
    return ExitCode.OK.code();
  }
}
