package io.trantor.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Benchmarks of the control plane of a running {@code trantor up} (started by
 * bench/run-control.sh), each against a baseline measured in the same run; appends its sections
 * to the results file.
 *
 * <p>Usage: {@code ControlPlaneBenchmark up|overcommit CONTROL_HOST:PORT UP_PID UP_LOG OUT.md COMMAND UP_COMMAND}
 * <ul>
 *   <li>{@code up}: start to ready and RSS; 30 sequential apply → ModelAvailable; 1,000 models from
 *       8 threads (run against {@code trantor up --replicas 2}).
 *   <li>{@code overcommit}: reload latency of evicted models (run against {@code trantor up
 *       --replicas 1 --server-memory 4Mi --overcommit 900}).
 * </ul>
 */
public final class ControlPlaneBenchmark {
  static final int SEQUENTIAL = 30;
  static final int MANY = 1000;
  static final int MANY_THREADS = 8;
  static final Duration MANY_LIMIT = Duration.ofMinutes(5);
  static final int OVERCOMMIT_MODELS = 24;
  static final int OVERCOMMIT_ROUNDS = 400;

  private ControlPlaneBenchmark() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path iris = Path.of(Manifests.IRIS);
    long pid = Long.parseLong(args[2]);
    UpLog log = new UpLog(Path.of(args[3]));
    Path out = Path.of(args[4]);
    Report report = new Report(args[5], args[6]);
    try (ControlClient client = new ControlClient(args[1])) {
      String text = switch (mode) {
        case "up" -> up(client, pid, log, iris, report);
        case "overcommit" -> overcommit(client, pid, log, report);
        default -> throw new IllegalArgumentException("mode: up or overcommit, not " + mode);
      };
      System.out.print(text);
      Files.writeString(out, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    System.exit(0);
  }

  private static String up(ControlClient client, long pid, UpLog log, Path iris, Report report)
      throws IOException, TimeoutException, InterruptedException {
    double ready = log.readySeconds();
    String loadBefore = Report.loadAverage();
    Polling.idle(Duration.ofSeconds(5));
    double idleRss = ProcessMemory.rssMiB(pid);
    System.out.printf("ready in %.1f s, idle RSS %.0f MiB%n", ready, idleRss);

    Samples inProcess = InProcessLoads.loadUnload(iris, SEQUENTIAL);
    List<Long> applied = new ArrayList<>();
    for (int i = 0; i < SEQUENTIAL; i++) {
      String name = String.format("seq-%02d", i);
      long t0 = System.nanoTime();
      client.apply(Manifests.iris(name, null));
      applied.add(client.awaitAvailable(name, Duration.ofMillis(5), Duration.ofSeconds(60)) - t0);
    }
    Samples sequential = Samples.of(applied);
    System.out.printf("sequential: p50 %.1f ms vs in-process %.1f ms%n", sequential.millis(50), inProcess.millis(50));

    Samples copies = InProcessLoads.loadCopies(iris, MANY);
    System.out.printf("in-process %d loads: %.1f s%n", MANY, copies.totalSeconds());
    ManyModelsRun.Result many = ManyModelsRun.run(client, "many", MANY, MANY_THREADS, MANY_LIMIT);
    double rssAfter = ProcessMemory.rssMiB(pid);
    String loadAfter = Report.loadAverage();
    return report.startAndMemory(ready, idleRss, rssAfter, loadBefore, loadAfter)
        + report.sequential(inProcess, sequential)
        + report.many(copies, many, rssAfter, many.finished() && many.errors().isEmpty() ? null : log.problems());
  }

  private static String overcommit(ControlClient client, long pid, UpLog log, Report report)
      throws IOException, TimeoutException {
    double ready = log.readySeconds();
    String loadBefore = Report.loadAverage();
    OvercommitRun.Result result = OvercommitRun.run(client, log, "oc", OVERCOMMIT_MODELS, OVERCOMMIT_ROUNDS);
    return report.overcommit(result, ready, ProcessMemory.rssMiB(pid), loadBefore, Report.loadAverage());
  }
}
