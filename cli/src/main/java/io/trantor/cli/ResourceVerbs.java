package io.trantor.cli;

import io.trantor.protocol.control.ResourceRef;
import io.trantor.protocol.control.ResourceStatus;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The verbs every resource kind shares — apply a manifest and wait, status with -w, list, delete —
 * as base commands; a kind's command (e.g. {@code pipeline load}) only names the kind and its words.
 */
final class ResourceVerbs {
  private ResourceVerbs() {}

  /** {@code -f FILE [--wait] [--timeout S]}: applies the manifest, optionally waits for {@code readyState}. */
  abstract static class Apply implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ControlEndpointMixin endpoint;

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE", description = "Manifest, or - for standard input.")
    String file;

    @Option(names = "--wait", description = "Wait until every resource of the manifest is ready.")
    boolean wait;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "How long --wait waits. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    private final String kind;
    private final String readyState;

    Apply(String kind, String readyState) {
      this.kind = kind;
      this.readyState = readyState;
    }

    @Override
    public Integer call() {
      try (ControlClient client = endpoint.connect()) {
        var response = ManifestApply.applyAndReport(client, file, spec.commandLine().getOut());
        if (wait) {
          ManifestApply.awaitEach(client, response, kind, readyState, Duration.ofSeconds(timeoutSeconds), spec.commandLine().getErr());
        }
      }
      return ExitCode.OK.code();
    }
  }

  /** {@code NAME [-w STATE] [--timeout S] [-o FORMAT]}. */
  abstract static class Status implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ControlEndpointMixin endpoint;
    @Mixin NamespaceMixin ns;
    @Mixin OutputMixin output;

    @Parameters(paramLabel = "NAME", description = "Name of the resource.")
    String name;

    @Option(names = {"-w", "--wait"}, paramLabel = "STATE", arity = "0..1", fallbackValue = StatusWait.READY,
      description = "Wait until the resource is in STATE (e.g. PipelineReady); without STATE, until it is ready (as Seldon's -w).")
    String waitFor;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "How long -w waits. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    private final String kind;

    Status(String kind) {
      this.kind = kind;
    }

    @Override
    public Integer call() {
      ResourceRef ref = ControlClient.ref(kind, ns.namespace, name);
      try (ControlClient client = endpoint.connect()) {
        ResourceStatus status = waitFor == null
            ? client.status(ref)
            : StatusWait.until(client, ref, StatusWait.stateOrReady(kind, waitFor), Duration.ofSeconds(timeoutSeconds), spec.commandLine().getErr());
        StatusPrinter.print(spec.commandLine().getOut(), output.format, status, true);
      }
      return ExitCode.OK.code();
    }
  }

  /** Every resource of the kind with its state. */
  abstract static class List implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ControlEndpointMixin endpoint;
    @Mixin OutputMixin output;

    private final String kind;

    List(String kind) {
      this.kind = kind;
    }

    @Override
    public Integer call() {
      try (ControlClient client = endpoint.connect()) {
        StatusPrinter.printList(spec.commandLine().getOut(), output.format, client.list(kind));
      }
      return ExitCode.OK.code();
    }
  }

  /** Deletes {@code NAME} and prints {@code <kind>/<name> <done>}, e.g. {@code pipeline/p unloaded}. */
  abstract static class Delete implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ControlEndpointMixin endpoint;
    @Mixin NamespaceMixin ns;

    @Parameters(paramLabel = "NAME", description = "Name of the resource.")
    String name;

    private final String kind;
    private final String done;

    Delete(String kind, String done) {
      this.kind = kind;
      this.done = done;
    }

    @Override
    public Integer call() {
      try (ControlClient client = endpoint.connect()) {
        client.delete(ControlClient.ref(kind, ns.namespace, name));
      }
      spec.commandLine().getOut().printf("%s/%s %s%n", kind.toLowerCase(Locale.ROOT), name, done);
      spec.commandLine().getOut().flush();
      return ExitCode.OK.code();
    }
  }
}
