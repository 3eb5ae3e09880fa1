package io.trantor.cli;

import io.trantor.protocol.control.ResourceRef;
import io.trantor.protocol.control.ResourceStatus;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The verbs every resource kind shares (apply a manifest and wait, status with -w, list, delete),
 * for the kind-specific commands ({@code experiment start|status|list|stop},
 * {@code pipeline load|status|list|unload}).
 */
final class ResourceVerbs {
  private ResourceVerbs() {}

  /** {@code -f FILE [--wait] [--timeout S]}. */
  static final class ApplyOptions {
    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE", description = "Manifest, or - for standard input.")
    String file;

    @Option(names = "--wait", description = "Wait until every resource of the manifest is ready.")
    boolean wait;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "How long --wait waits. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;
  }

  /** {@code [-w STATE] [--timeout S]}. */
  static final class WaitOptions {
    @Option(names = {"-w", "--wait"}, paramLabel = "STATE", description = "Wait until the resource is in STATE (e.g. PipelineReady).")
    String waitFor;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "How long -w waits. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;
  }

  static int apply(ControlEndpointMixin endpoint, ApplyOptions options, String kind, String readyState, PrintWriter out, PrintWriter err) {
    try (ControlClient client = new ControlClient(endpoint.target())) {
      var response = ManifestApply.applyAndReport(client, options.file, out);
      if (options.wait) {
        ManifestApply.awaitEach(client, response, kind, readyState, Duration.ofSeconds(options.timeoutSeconds), err);
      }
    }
    return ExitCode.OK.code();
  }

  static int status(ControlEndpointMixin endpoint, NamespaceMixin ns, OutputMixin output, WaitOptions options, String kind,
      String name, PrintWriter out, PrintWriter err) {
    ResourceRef ref = ControlClient.ref(kind, ns.namespace, name);
    try (ControlClient client = new ControlClient(endpoint.target())) {
      ResourceStatus status = options.waitFor == null
          ? client.status(ref)
          : StatusWait.until(client, ref, options.waitFor, Duration.ofSeconds(options.timeoutSeconds), err);
      StatusPrinter.print(out, output.format, status, true);
    }
    return ExitCode.OK.code();
  }

  static int list(ControlEndpointMixin endpoint, OutputMixin output, String kind, PrintWriter out) {
    try (ControlClient client = new ControlClient(endpoint.target())) {
      StatusPrinter.printList(out, output.format, client.list(kind));
    }
    return ExitCode.OK.code();
  }

  /** Deletes and prints {@code <kind>/<name> <done>}, e.g. {@code pipeline/p unloaded}. */
  static int delete(ControlEndpointMixin endpoint, NamespaceMixin ns, String kind, String name, String done, PrintWriter out) {
    try (ControlClient client = new ControlClient(endpoint.target())) {
      client.delete(ControlClient.ref(kind, ns.namespace, name));
    }
    out.printf("%s/%s %s%n", kind.toLowerCase(java.util.Locale.ROOT), name, done);
    out.flush();
    return ExitCode.OK.code();
  }
}
