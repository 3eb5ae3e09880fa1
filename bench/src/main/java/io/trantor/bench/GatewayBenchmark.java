package io.trantor.bench;

import io.trantor.protocol.control.ModelReplicaStatus;
import io.trantor.protocol.control.ResourceStatus;
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
 * What the gateway adds: the {@code simple} model on a {@code trantor up} replica, called straight
 * at the replica (as {@code simple_1}) and through the gateway (as {@code simple}), over REST and
 * gRPC, at concurrency 1 and 16, in one run.
 *
 * <p>Usage: {@code GatewayBenchmark CONTROL GATEWAY SECONDS OUT.md COMMAND} (appends to OUT.md).
 */
public final class GatewayBenchmark {
  private GatewayBenchmark() {}

  public static void main(String[] args) throws Exception {
    String control = args[0];
    String[] gateway = args[1].split(":");
    Duration measure = Duration.ofSeconds(Long.parseLong(args[2]));
    Path out = Path.of(args[3]);
    String command = args[4];
    Duration warmup = Duration.ofSeconds(Math.max(3, measure.toSeconds() / 2));

    String replica;
    try (ControlClient client = new ControlClient(control)) {
      client.apply(
          "apiVersion: mlops.seldon.io/v1alpha1\nkind: Model\nmetadata:\n  name: simple\n"
              + "spec:\n  storageUri: samples/models/simple\n  requirements: [onnx]\n");
      replica = awaitReplica(client);
    }
    String[] direct = replica.split(":");
    String gwHost = gateway[0];
    int gwPort = Integer.parseInt(gateway[1]);
    String host = direct[0];
    int port = Integer.parseInt(direct[1]);

    List<LoadResult[]> pairs = new ArrayList<>();
    for (int concurrency : new int[] {1, 16}) {
      pairs.add(new LoadResult[] {
        ClosedLoop.run("REST direct", () -> SimpleModelCalls.rest(host, port, "simple_1"), concurrency, warmup, measure, -1),
        ClosedLoop.run("REST via gateway", () -> SimpleModelCalls.rest(gwHost, gwPort, "simple"), concurrency, warmup, measure, -1)
      });
      pairs.add(new LoadResult[] {
        ClosedLoop.run("gRPC direct", () -> SimpleModelCalls.grpc(host, port, "simple_1"), concurrency, warmup, measure, -1),
        ClosedLoop.run("gRPC via gateway", () -> SimpleModelCalls.grpc(gwHost, gwPort, "simple"), concurrency, warmup, measure, -1)
      });
    }
    String report = report(pairs, command);
    System.out.print(report);
    Files.writeString(out, report, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    System.exit(0); // the load threads' gRPC channels are not daemons
  }

  private static String awaitReplica(ControlClient client) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      ResourceStatus status = client.model("simple");
      if (status != null && status.getState().equals(ControlClient.AVAILABLE)) {
        for (ModelReplicaStatus r : status.getModel().getReplicasList()) {
          if (r.getState().equals("Available")) {
            return r.getEndpoint();
          }
        }
      }
      Thread.sleep(20); // polling a condition with a deadline
    }
    throw new IllegalStateException("model simple not Available within 60 s");
  }

  private static String report(List<LoadResult[]> pairs, String command) {
    StringBuilder sb = new StringBuilder();
    sb.append("\n## Gateway: added latency and throughput (the `simple` model, closed loop)\n\n");
    sb.append("Run ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
        .append(" cores; `trantor up` (gateway, control plane and replica in one JVM) and the load generator share them.\n");
    sb.append("Command: `").append(command).append("`\n\n");
    sb.append("| protocol | concurrency | direct req/s | via gateway req/s | throughput ratio | direct p50 / p99 µs | gateway p50 / p99 µs | added p50 / p99 µs |\n");
    sb.append("|---|---|---|---|---|---|---|---|\n");
    for (LoadResult[] pair : pairs) {
      LoadResult direct = pair[0];
      LoadResult gw = pair[1];
      sb.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.2f | %.0f / %.0f | %.0f / %.0f | %.0f / %.0f |%n",
          direct.label().startsWith("REST") ? "REST (JSON)" : "gRPC (raw)", direct.concurrency(),
          direct.requestsPerSecond(), gw.requestsPerSecond(), gw.requestsPerSecond() / direct.requestsPerSecond(),
          direct.micros(50), direct.micros(99), gw.micros(50), gw.micros(99),
          gw.micros(50) - direct.micros(50), gw.micros(99) - direct.micros(99)));
    }
    sb.append("\nTargets (gateway issue): added latency at c=1 ≤ 50 µs p50 and ≤ 300 µs p99; throughput through the")
        .append(" gateway ≥ 0.8 × direct at saturation. Errors: ");
    long errors = pairs.stream().flatMap(p -> java.util.Arrays.stream(p)).mapToLong(LoadResult::errors).sum();
    sb.append(errors).append(".\n");
    return sb.toString();
  }
}
