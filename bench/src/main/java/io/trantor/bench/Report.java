package io.trantor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** The Markdown sections of the control-plane benchmarks, in the format of bench/RESULTS.md. */
final class Report {
  private static final double GB_MIB = 1.5e9 / (1024 * 1024); // the 1.5 GB target, in MiB

  private final String command;
  private final String upCommand;

  Report(String command, String upCommand) {
    this.command = command;
    this.upCommand = upCommand;
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }

  private String header(String title, String loadBefore, String loadAfter) {
    return String.format(Locale.ROOT,
        "%n## %s%n%nRun %s on %d cores, driver in a separate JVM on the same machine; measured once "
            + "(load average %s before, %s after: the other tenants' builds share these cores).%n"
            + "Command: `%s` (which runs `%s`)%n%n",
        title, Instant.now(), Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter, command, upCommand);
  }

  private static String sameRun(String title) {
    return String.format(Locale.ROOT, "%n## %s%n%nSame run and command as the section above; measured once.%n%n", title);
  }

  private static String met(boolean ok) {
    return ok ? "**met**" : "**not met**";
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  String startAndMemory(double ready, double idleRss, double rssAfter, String loadBefore, String loadAfter) {
    return header("trantor up: start to ready, memory", loadBefore, loadAfter)
        + "| measurement | value | target | |\n|---|---|---|---|\n"
        + f("| start to ready (the `ready in` line), `--replicas 2` (4 replicas) | %.1f s | ≤ 15 s | %s |%n",
            ready, met(ready <= 15))
        + f("| VmRSS of the `trantor up` JVM after 5 s idle | %.0f MiB | ≤ 1.5 GB (%.0f MiB) | %s |%n",
            idleRss, GB_MIB, met(idleRss <= GB_MIB))
        + f("| VmRSS after the 1,000-model run below (1,030 models loaded) | %.0f MiB | – | – |%n", rssAfter)
        + "\nNo baseline beyond the targets. RSS is read from /proc/PID/status of the JVM that `bin/trantor` execs.\n";
  }

  String sequential(Samples inProcess, Samples remote) {
    return sameRun("trantor up: apply → ModelAvailable, one small model at a time")
        + "| path | loads | p50 ms | p99 ms | max ms | p50 ÷ baseline p50 |\n|---|---|---|---|---|---|\n"
        + f("| in-process `ModelRegistry.load` + unload of samples/models/iris (baseline) | %d | %.2f | %.2f | %.2f | 1.0× |%n",
            inProcess.count(), inProcess.millis(50), inProcess.millis(99), inProcess.maxMillis())
        + f("| Apply RPC → first GetStatus showing ModelAvailable (polled every 5 ms) | %d | %.1f | %.1f | %.1f | %.1f× |%n",
            remote.count(), remote.millis(50), remote.millis(99), remote.maxMillis(),
            remote.millis(50) / inProcess.millis(50))
        + "\nThe iris sample (`storageUri: samples/models/iris`, requirements [onnx]) applied under 30 distinct"
        + " names, one after the other; with 30 samples p99 is the slowest one. Neither side is warmed up (the"
        + " first load of each initialises ONNX Runtime); the 5 ms poll adds 2.5 ms on average to the remote path.\n";
  }

  String many(Samples copies, ManyModelsRun.Result many, double rssAfter, Map<String, Integer> problems) {
    StringBuilder sb = new StringBuilder(sameRun("trantor up: 1,000 models on 4 replicas"));
    sb.append("| path | models | client threads | total s | models/s | apply RPC p50 ms | apply RPC p99 ms | failed applies | total ÷ baseline |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|\n");
    sb.append(f("| in-process `ModelRegistry.load` of 1,000 iris copies, one thread, all kept loaded (baseline) | %d | 1 | %.1f | %.0f | – | – | 0 | 1.0× |%n",
        copies.count(), copies.totalSeconds(), copies.count() / copies.totalSeconds()));
    sb.append(f("| first Apply → all ModelAvailable (`List` polled every 100 ms) | %d | %d | %.1f | %.0f | %.1f | %.1f | %d | %.1f× |%n",
        many.count(), many.threads(), many.secondsToAllAvailable(), many.available() / many.secondsToAllAvailable(),
        many.applyLatency().millis(50), many.applyLatency().millis(99), many.errors().size(),
        many.secondsToAllAvailable() / copies.totalSeconds()));
    sb.append(f("%nTarget: all 1,000 ModelAvailable within 60 s — %s (%s).%n",
        met(many.finished() && many.secondsToAllAvailable() <= 60),
        many.finished()
            ? f("%.1f s", many.secondsToAllAvailable())
            : f("after %.0f s only %d of %d were ModelAvailable; states: %s", many.secondsToAllAvailable(),
                many.available(), many.count(), many.states())));
    sb.append(f("The last Apply returned %.1f s after the first. Apply latencies are of the successful calls;"
            + " a failed Apply was retried (up to 3 attempts).%n", many.secondsApplying()));
    if (!many.errors().isEmpty()) {
      sb.append(f("%d Apply calls failed, after %.1f s (median): first error `%s`.%n",
          many.errors().size(), many.failedApplyLatency().millis(50) / 1000,
          many.errors().get(0).replace('`', '\'').replace('\n', ' ')));
    }
    sb.append(f("Placement (replicas holding the models, from `List`): %s. `trantor up` RSS afterwards: %.0f MiB.%n",
        many.perReplica(), rssAfter));
    if (problems != null) {
      sb.append("\nWARN/ERROR lines in the `trantor up` log (count, logger, message with numbers as N):\n\n");
      problems.forEach((k, v) -> sb.append(f("- %d × `%s`%n", v, k.replace('`', '\''))));
    }
    return sb.toString();
  }

  String overcommit(OvercommitRun.Result r, double ready, double rss, String loadBefore, String loadAfter) {
    double ratio = r.reload().millis(50) / r.resident().millis(50);
    long duringRequests = r.evictionsAfter() - r.evictionsBefore();
    StringBuilder sb = new StringBuilder(header("trantor up: overcommit, request latency of an evicted model", loadBefore, loadAfter));
    sb.append("| path | requests | p50 ms | p99 ms | max ms | errors | p50 ÷ baseline p50 |\n|---|---|---|---|---|---|---|\n");
    sb.append(f("| a model that stays resident (same replica, every other request) (baseline) | %d | %.2f | %.2f | %.2f | – | 1.0× |%n",
        r.resident().count(), r.resident().millis(50), r.resident().millis(99), r.resident().maxMillis()));
    sb.append(f("| cycling over %d models of %s → each request reloads an evicted model | %d | %.2f | %.2f | %.2f | %d | %.1f× |%n",
        r.cycled(), r.replica(), r.reload().count(), r.reload().millis(50), r.reload().millis(99), r.reload().maxMillis(),
        r.errors(), ratio));
    sb.append(f("%n%d iris models with `memory: 1Mi` on replicas of 4Mi with 900 %% overcommit (4 resident, 40"
            + " registered each); placement: %s. Requests: OIP REST (JSON) over keep-alive sockets, one at a time,"
            + " after %d warm-up requests per path.%n",
        r.applied(), placementCounts(r.byReplica()), r.cycled() * 2));
    sb.append(f("Evictions in the agent log (`Evicted model`): %d while the models were applied, %d during the"
            + " request phase (warm-up %d + measured %d requests to cycled models).%n",
        r.evictionsBefore(), duringRequests, r.cycled() * 2, r.reload().count()));
    sb.append(f("Target: p50 of a reload from cache ≤ 20 ms — %s (%.2f ms). Start to ready of this"
            + " `trantor up`: %.1f s; RSS at the end %.0f MiB.%n",
        met(r.reload().millis(50) <= 20), r.reload().millis(50), ready, rss));
    return sb.toString();
  }

  private static String placementCounts(Map<String, java.util.List<OvercommitRun.Placement>> byReplica) {
    StringBuilder sb = new StringBuilder();
    byReplica.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append(" ").append(v.size()));
    return sb.toString();
  }
}
