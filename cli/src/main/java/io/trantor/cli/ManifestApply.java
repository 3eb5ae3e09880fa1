package io.trantor.cli;

import io.trantor.protocol.control.AppliedResource;
import io.trantor.protocol.control.ApplyResponse;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * What {@code apply}, {@code model load} and {@code experiment start} share: read {@code -f FILE},
 * apply it, print one line per resource (kubectl's {@code model/iris created}), and optionally wait
 * until every resource of one kind reaches a state.
 */
final class ManifestApply {
  private ManifestApply() {}

  static ApplyResponse applyAndReport(ControlClient client, String file, PrintWriter out) {
    String manifest = ManifestInput.read(file, System.in);
    ApplyResponse response = client.apply(manifest, ManifestInput.source(file));
    for (AppliedResource r : response.getResourcesList()) {
      out.printf("%s/%s %s%n", r.getRef().getKind().toLowerCase(Locale.ROOT), r.getRef().getName(), r.getAction());
    }
    out.flush();
    return response;
  }

  static void awaitEach(
      ControlClient client, ApplyResponse response, String kind, String state, Duration timeout, PrintWriter progress) {
    for (AppliedResource r : response.getResourcesList()) {
      if (r.getRef().getKind().equals(kind)) {
        StatusWait.until(client, r.getRef(), state, timeout, progress);
      }
    }
  }
}
