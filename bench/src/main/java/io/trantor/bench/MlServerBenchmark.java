package io.trantor.bench;

import io.trantor.protocol.control.ResourceStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The same iris classifier served by a real MLServer (Seldon's scikit-learn artifact from the
 * mirror) and by the built-in runtime (its ONNX conversion, samples/models/iris), both through the
 * gateway of one {@code trantor up --mlserver}, over REST, at concurrency 1 and 16, in one run.
 *
 * <p>Usage: {@code MlServerBenchmark CONTROL GATEWAY SECONDS OUT.md COMMAND} (appends to OUT.md).
 */
public final class MlServerBenchmark {
  private static final byte[] IRIS = "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[[1,2,3,4]]}]}"
      .getBytes(StandardCharsets.UTF_8);

  private MlServerBenchmark() {}

  public static void main(String[] args) throws Exception {
    String control = args[0];
    String[] gateway = args[1].split(":");
    Duration measure = Duration.ofSeconds(Long.parseLong(args[2]));
    Path out = Path.of(args[3]);
    String command = args[4];
    Duration warmup = Duration.ofSeconds(Math.max(3, measure.toSeconds() / 2));

    try (ControlClient client = new ControlClient(control)) {
      client.apply("apiVersion: mlops.seldon.io/v1alpha1\nkind: Model\nmetadata:\n  name: iris-mlserver\n"
          + "spec:\n  storageUri: gs://seldon-models/mlserver/iris\n  requirements: [sklearn]\n");
      client.apply("apiVersion: mlops.seldon.io/v1alpha1\nkind: Model\nmetadata:\n  name: iris-builtin\n"
          + "spec:\n  storageUri: samples/models/iris\n  requirements: [onnx]\n");
      awaitAvailable(client, "iris-mlserver");
      awaitAvailable(client, "iris-builtin");
    }
    String host = gateway[0];
    int port = Integer.parseInt(gateway[1]);
    List<LoadResult[]> pairs = new ArrayList<>();
    for (int concurrency : new int[] {1, 16}) {
      pairs.add(new LoadResult[] {
        ClosedLoop.run("MLServer (sklearn)", () -> rest(host, port, "iris-mlserver"), concurrency, warmup, measure, -1),
        ClosedLoop.run("built-in (ONNX)", () -> rest(host, port, "iris-builtin"), concurrency, warmup, measure, -1)
      });
    }
    for (LoadResult[] pair : pairs) {
      for (LoadResult result : pair) {
        if (result.requests() == 0) {
          throw new IllegalStateException(result.label() + " answered no request (" + result.errors() + " errors); nothing written");
        }
      }
    }
    String report = report(pairs, command);
    System.out.print(report);
    Files.writeString(out, report, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    System.exit(0);
  }

  private static ClosedLoop.Call rest(String host, int port, String model) throws IOException {
    RawHttpClient client = new RawHttpClient(host, port, "/v2/models/" + model + "/infer", IRIS);
    return () -> {
      int status = client.call();
      if (status != 200) {
        throw new IOException("HTTP " + status);
      }
    };
  }

  private static void awaitAvailable(ControlClient client, String model) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (System.nanoTime() < deadline) {
      ResourceStatus status = client.model(model);
      if (status != null && status.getState().equals(ControlClient.AVAILABLE)) {
        return;
      }
      Thread.sleep(50); // polling a condition with a deadline
    }
    throw new IllegalStateException("model " + model + " not Available within 180 s");
  }

  private static String report(List<LoadResult[]> pairs, String command) {
    StringBuilder sb = new StringBuilder();
    sb.append("\n## MLServer vs built-in runtime: the iris classifier through the gateway (REST, closed loop)\n\n");
    sb.append("Run ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
        .append(" cores; `trantor up --mlserver` (gateway, control plane, replicas), MLServer 1.7.1 (one parallel")
        .append(" worker) and the load generator share them.\n");
    sb.append("Command: `").append(command).append("`\n\n");
    sb.append("| concurrency | MLServer req/s | built-in req/s | throughput built-in ÷ MLServer | MLServer p50 / p99 µs | built-in p50 / p99 µs | p50 ratio | p99 ratio | errors |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|\n");
    for (LoadResult[] pair : pairs) {
      LoadResult mlserver = pair[0];
      LoadResult builtin = pair[1];
      sb.append(String.format(Locale.ROOT, "| %d | %.0f | %.0f | %.1f× | %.0f / %.0f | %.0f / %.0f | %.1f× | %.1f× | %d |%n",
          mlserver.concurrency(), mlserver.requestsPerSecond(), builtin.requestsPerSecond(),
          builtin.requestsPerSecond() / mlserver.requestsPerSecond(),
          mlserver.micros(50), mlserver.micros(99), builtin.micros(50), builtin.micros(99),
          mlserver.micros(50) / builtin.micros(50), mlserver.micros(99) / builtin.micros(99),
          mlserver.errors() + builtin.errors()));
    }
    sb.append("\nTarget (MLServer issue): built-in ≥ 10× MLServer's throughput. Ratios > 1 mean the built-in runtime is")
        .append(" faster / has lower latency.\n");
    return sb.toString();
  }
}
