package io.trantor.cli;

import io.trantor.protocol.control.DeleteResponse;
import io.trantor.protocol.control.ResourceRef;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trantor delete -f FILE|-}: delete every resource a manifest names. */
@Command(
    name = "delete",
    aliases = "unload",   // Seldon's `seldon unload -f FILE`
    mixinStandardHelpOptions = true,
    description = "Delete the resources a manifest names (missing ones are not an error).")
public final class DeleteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ControlEndpointMixin endpoint;

  @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE", description = "Manifest file, or - for standard input.")
  String file;

  @Override
  public Integer call() {
    String manifest = ManifestInput.read(file, System.in);
    PrintWriter out = spec.commandLine().getOut();
    try (ControlClient client = endpoint.connect()) {
      DeleteResponse response = client.delete(manifest);
      for (ResourceRef ref : response.getDeletedList()) {
        out.printf("%s/%s deleted%n", ref.getKind().toLowerCase(Locale.ROOT), ref.getName());
      }
    }
    out.flush();
    return ExitCode.OK.code();
  }
}
