package io.trantor.bench;

import io.trantor.agent.ModelRegistry;
import io.trantor.agent.repository.FileSystemModelRepository;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import io.trantor.runtime.api.RuntimeRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Closed-loop load on the {@code simple} model of a running {@code trantor serve}, over gRPC and
 * REST at concurrency 1 and 16, against a baseline measured in the same run: the same model called
 * in-process through {@link ModelRegistry} (no network, no codec).
 *
 * <p>Usage: {@code ServeBenchmark HOST:PORT SERVER_PID MODEL_REPOSITORY SECONDS OUT.md COMMAND}
 */
public final class ServeBenchmark {
  private ServeBenchmark() {}

  public static void main(String[] args) throws Exception {
    String[] target = args[0].split(":");
    String host = target[0];
    int port = Integer.parseInt(target[1]);
    long serverPid = Long.parseLong(args[1]);
    Path repository = Path.of(args[2]);
    Duration measure = Duration.ofSeconds(Long.parseLong(args[3]));
    Path out = Path.of(args[4]);
    String command = args[5];
    Duration warmup = Duration.ofSeconds(Math.max(2, measure.toSeconds() / 3));

    List<LoadResult> results = new ArrayList<>();
    results.add(inProcessBaseline(repository, warmup, measure));
    for (int concurrency : new int[] {1, 16}) {
      results.add(
          ClosedLoop.run("gRPC (raw contents)", () -> SimpleModelCalls.grpc(host, port, "simple"), concurrency, warmup, measure, serverPid));
      results.add(
          ClosedLoop.run("REST (JSON)", () -> SimpleModelCalls.rest(host, port, "simple"), concurrency, warmup, measure, serverPid));
    }
    String report = report(results, command);
    System.out.print(report);
    Files.writeString(out, report, StandardCharsets.UTF_8);
    System.exit(0); // gRPC channels of the load threads are daemon-less; end the run here.
  }

  private static LoadResult inProcessBaseline(Path repository, Duration warmup, Duration measure)
      throws Exception {
    int[] values = IntStream.rangeClosed(1, 16).toArray();
    InferenceRequest request =
        InferenceRequest.of(
            "simple",
            List.of(
                Tensor.ofInts("INPUT0", new long[] {1, 16}, values),
                Tensor.ofInts("INPUT1", new long[] {1, 16}, values)));
    try (RuntimeRegistry runtimes = RuntimeRegistry.discover();
        ModelRegistry registry = new ModelRegistry(new FileSystemModelRepository(repository), runtimes)) {
      registry.load("simple");
      return ClosedLoop.run(
          "in-process ModelRegistry.infer (baseline)", () -> () -> registry.infer(request), 1, warmup, measure, -1);
    }
  }

  private static String report(List<LoadResult> results, String command) {
    LoadResult baseline = results.get(0);
    StringBuilder sb = new StringBuilder();
    sb.append("## trantor serve: the `simple` model (INT32 [1,16] x 2), closed loop\n\n");
    sb.append("Run ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
        .append(" cores, load generator in a separate JVM on the same machine.\n");
    sb.append("Command: `").append(command).append("`\n\n");
    sb.append("| path | concurrency | req/s | p50 µs | p99 µs | p99.9 µs | server CPU µs/req | errors | p50 ÷ baseline p50 |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|\n");
    for (LoadResult r : results) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.0f | %.1f | %.1f | %.1f | %s | %d | %.1f× |%n",
              r.label(),
              r.concurrency(),
              r.requestsPerSecond(),
              r.micros(50),
              r.micros(99),
              r.micros(99.9),
              Double.isNaN(r.cpuMicrosPerRequest()) ? "–" : String.format(Locale.ROOT, "%.1f", r.cpuMicrosPerRequest()),
              r.errors(),
              r.micros(50) / baseline.micros(50)));
    }
    sb.append("\nLoad generators: gRPC = grpc-java blocking stub (grpc-netty-shaded), one channel per")
        .append(" thread, raw_input_contents as tritonclient sends; REST = a minimal keep-alive HTTP/1.1")
        .append(" socket client (bench/src/main/java/io/trantor/bench/RawHttpClient.java), so the client")
        .append(" costs far less than the server. Latency is per request, measured in the client.\n");
    return sb.toString();
  }
}
