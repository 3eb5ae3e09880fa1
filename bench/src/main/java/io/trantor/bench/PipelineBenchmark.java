package io.trantor.bench;

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
 * What a pipeline step costs: the {@code simple} model called through the gateway as a model, and as
 * 1-step and 3-step pipelines (every hop over the embedded Kafka broker), at concurrency 1 (latency)
 * and 16 (saturation), in one run. Added latency per step = (pipeline − steps × direct model call) / steps.
 *
 * <p>Usage: {@code PipelineBenchmark CONTROL GATEWAY SECONDS OUT.md COMMAND} (appends to OUT.md).
 */
public final class PipelineBenchmark {
  private PipelineBenchmark() {}

  private static final String MODEL = "apiVersion: mlops.seldon.io/v1alpha1\nkind: Model\nmetadata:\n  name: %s\n"
      + "spec:\n  storageUri: samples/models/simple\n  requirements: [onnx]\n";
  private static final String CHAIN1 = """
      apiVersion: mlops.seldon.io/v1alpha1
      kind: Pipeline
      metadata:
        name: chain1
      spec:
        steps:
          - name: bench1
        output:
          steps: [bench1]
      """;
  // Each step feeds the next with its outputs renamed to the next model's inputs.
  private static final String CHAIN3 = """
      apiVersion: mlops.seldon.io/v1alpha1
      kind: Pipeline
      metadata:
        name: chain3
      spec:
        steps:
          - name: bench1
          - name: bench2
            inputs: [bench1]
            tensorMap:
              bench1.outputs.OUTPUT0: INPUT0
              bench1.outputs.OUTPUT1: INPUT1
          - name: bench3
            inputs: [bench2]
            tensorMap:
              bench2.outputs.OUTPUT0: INPUT0
              bench2.outputs.OUTPUT1: INPUT1
        output:
          steps: [bench3]
      """;

  public static void main(String[] args) throws Exception {
    String control = args[0];
    String[] gateway = args[1].split(":");
    Duration measure = Duration.ofSeconds(Long.parseLong(args[2]));
    Path out = Path.of(args[3]);
    String command = args[4];
    Duration warmup = Duration.ofSeconds(Math.max(3, measure.toSeconds() / 2));
    String host = gateway[0];
    int port = Integer.parseInt(gateway[1]);

    try (ControlClient client = new ControlClient(control)) {
      for (String name : List.of("bench1", "bench2", "bench3")) {
        client.apply(String.format(Locale.ROOT, MODEL, name));
      }
      client.apply(CHAIN1);
      client.apply(CHAIN3);
      await(client, "Pipeline", "chain1", "PipelineReady");
      await(client, "Pipeline", "chain3", "PipelineReady");
    }

    List<Row> rows = new ArrayList<>();
    for (int concurrency : new int[] {1, 16}) {
      LoadResult direct = ClosedLoop.run("model via gateway",
          () -> SimpleModelCalls.restAt(host, port, "/v2/models/bench1/infer"), concurrency, warmup, measure, -1);
      LoadResult one = ClosedLoop.run("1-step pipeline",
          () -> SimpleModelCalls.restAt(host, port, "/v2/pipelines/chain1/infer"), concurrency, warmup, measure, -1);
      LoadResult three = ClosedLoop.run("3-step pipeline",
          () -> SimpleModelCalls.restAt(host, port, "/v2/pipelines/chain3/infer"), concurrency, warmup, measure, -1);
      rows.add(new Row(direct, one, 1));
      rows.add(new Row(direct, three, 3));
    }
    String report = report(rows, command);
    System.out.print(report);
    Files.writeString(out, report, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    System.exit(0);
  }

  private record Row(LoadResult direct, LoadResult pipeline, int steps) {
    double addedPerStep(int percentile) {
      return (pipeline.micros(percentile) - steps * direct.micros(percentile)) / steps / 1000.0;
    }
  }

  private static void await(ControlClient client, String kind, String name, String state) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      ResourceStatus status = client.status(kind, name);
      if (status != null && status.getState().equals(state)) {
        return;
      }
      Thread.sleep(50); // polling a condition with a deadline
    }
    throw new IllegalStateException(kind + " " + name + " not " + state + " within 120 s");
  }

  private static String report(List<Row> rows, String command) {
    StringBuilder sb = new StringBuilder();
    sb.append("\n## Pipelines: added latency per step and throughput (the `simple` model, REST, closed loop)\n\n");
    sb.append("Run ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
        .append(" cores; `trantor up` (embedded Kafka broker, gateway with the pipeline/model gateways and Kafka Streams,")
        .append(" control plane, replica) and the load generator share them. Kafka: one broker, 1 partition per topic,")
        .append(" producer linger.ms 0, acks all; Streams commit.interval.ms 100, no record cache, at-least-once;")
        .append(" pipeline-gateway and model-gateway consumers fetch.max.wait.ms 50 or less.\n");
    sb.append("Command: `").append(command).append("`\n\n");
    sb.append("| pipeline | concurrency | model req/s | pipeline req/s | model p50 / p99 ms | pipeline p50 / p99 ms | added per step p50 / p99 ms |\n");
    sb.append("|---|---|---|---|---|---|---|\n");
    for (Row row : rows) {
      sb.append(String.format(Locale.ROOT, "| %d-step | %d | %.0f | %.0f | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f |%n",
          row.steps(), row.direct().concurrency(), row.direct().requestsPerSecond(), row.pipeline().requestsPerSecond(),
          row.direct().micros(50) / 1000.0, row.direct().micros(99) / 1000.0,
          row.pipeline().micros(50) / 1000.0, row.pipeline().micros(99) / 1000.0,
          row.addedPerStep(50), row.addedPerStep(99)));
    }
    // The first formula charges the pipeline's fixed ingress/egress hops to its steps; the marginal
    // cost of one more step (3-step minus 1-step, halved) separates them.
    for (int i = 0; i + 1 < rows.size(); i += 2) {
      Row one = rows.get(i);
      Row three = rows.get(i + 1);
      sb.append(String.format(Locale.ROOT,
          "%nMarginal cost of one more step at c=%d (its model call included): %.2f ms p50, %.2f ms p99;"
              + " fixed cost of the pipeline path (1-step minus one model call): %.2f ms p50.",
          one.direct().concurrency(),
          (three.pipeline().micros(50) - one.pipeline().micros(50)) / 2000.0,
          (three.pipeline().micros(99) - one.pipeline().micros(99)) / 2000.0,
          (one.pipeline().micros(50) - one.direct().micros(50)) / 1000.0));
    }
    sb.append('\n');
    long errors = rows.stream().mapToLong(r -> r.direct().errors() + r.pipeline().errors()).sum();
    sb.append("\nTargets (pipelines issue): ≤ 2 ms p50 and ≤ 5 ms p99 added per step at low load (c=1). Errors: ")
        .append(errors).append(".\n");
    return sb.toString();
  }
}
