package io.trantor.cli;

import io.trantor.dsl.Manifests;
import io.trantor.dsl.ReadResult;
import io.trantor.dsl.Resource;
import io.trantor.protocol.control.ResourceRef;
import io.trantor.protocol.control.ResourceStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trantor status -f FILE [-w]}: the status of every resource a manifest names, as Seldon's
 * {@code seldon status -f}; {@code -w} waits until each is ready (ModelAvailable, PipelineReady,
 * ExperimentReady, ServerReady).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show (or with -w wait for) the status of every resource a manifest names.")
public final class ManifestStatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ControlEndpointMixin endpoint;
  @Mixin OutputMixin output;

  @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE", description = "Manifest, or - for standard input.")
  String file;

  @Option(names = {"-w", "--wait"}, description = "Wait until every resource is ready.")
  boolean wait;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "How long -w waits. Default: ${DEFAULT-VALUE}.")
  long timeoutSeconds;

  @Override
  public Integer call() {
    ReadResult read = Manifests.read(ManifestInput.read(file, System.in), ManifestInput.source(file),
        io.trantor.dsl.FieldValidation.STRICT);
    if (!read.ok()) {
      throw new UserInputException(read.problems().stream().map(Object::toString).collect(Collectors.joining("; ")));
    }
    PrintWriter out = spec.commandLine().getOut();
    try (ControlClient client = endpoint.connect()) {
      for (Resource resource : read.resources()) {
        ResourceRef ref = ControlClient.ref(resource.kind().value(), resource.namespace(), resource.name());
        ResourceStatus status = wait
            ? StatusWait.until(client, ref, StatusWait.stateOrReady(ref.getKind(), StatusWait.READY),
                Duration.ofSeconds(timeoutSeconds), spec.commandLine().getErr())
            : client.status(ref);
        StatusPrinter.print(out, output.format, status, false);
      }
    }
    out.flush();
    return ExitCode.OK.code();
  }
}
