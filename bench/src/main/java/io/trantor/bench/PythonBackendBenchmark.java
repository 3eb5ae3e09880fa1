package io.trantor.bench;

import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelRuntime;
import io.trantor.runtime.api.repository.ModelFolder;
import io.trantor.runtime.api.repository.ModelFolderReader;
import io.trantor.runtime.onnx.OnnxModelRuntime;
import io.trantor.runtime.python.PythonModelRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one add10 request costs in each backend: the ONNX add10 (samples/models/add10, ONNX Runtime
 * in the JVM) against the Python-backend add10 (samples/seldon-mirror/.../add10, model.py in a
 * worker process), both called through {@code LoadedModel.infer} in this JVM, so the numbers are
 * the backend's own cost without HTTP or gRPC. Appends a section to the results file.
 *
 * <p>Arguments: {@code REPO_ROOT SECONDS RESULTS_FILE COMMAND}.
 */
public final class PythonBackendBenchmark {
  private static final InferenceRequest REQUEST =
      InferenceRequest.of("add10", List.of(Tensor.ofFloats("INPUT", new long[] {4}, 1, 2, 3, 4)));

  private PythonBackendBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    Duration measure = Duration.ofSeconds(Long.parseLong(args[1]));
    Path results = Path.of(args[2]);
    String command = args[3];
    Duration warmup = Duration.ofSeconds(3);

    List<LoadResult> rows = new ArrayList<>();
    List<String> workerCpu = new ArrayList<>();
    try (ModelRuntime onnx = new OnnxModelRuntime();
        LoadedModel model = onnx.load(read(root.resolve("samples/models/add10")))) {
      check(model);
      for (int c : new int[] {1, 4}) {
        rows.add(ClosedLoop.run("ONNX add10 (ONNX Runtime in the JVM)", () -> () -> model.infer(REQUEST), c, warmup, measure, -1));
        workerCpu.add("–");
      }
    }
    try (ModelRuntime python = new PythonModelRuntime();
        LoadedModel model = python.load(read(root.resolve("samples/seldon-mirror/scv2/samples/triton_23-03/add10")))) {
      check(model);
      long worker = ProcessHandle.current().children()
          .filter(p -> p.info().commandLine().orElse("").contains("trantor_python_worker"))
          .findFirst().orElseThrow().pid();
      for (int c : new int[] {1, 4}) {
        LoadResult result = ClosedLoop.run("Python-backend add10 (model.py in a worker)", () -> () -> model.infer(REQUEST), c, warmup, measure, worker);
        rows.add(result);
        workerCpu.add(String.format(Locale.ROOT, "%.1f", result.cpuMicrosPerRequest()));
      }
    }
    Files.writeString(results, section(rows, workerCpu, command), StandardOpenOption.APPEND);
  }

  private static ModelArtifact read(Path folder) {
    ModelFolder parsed = new ModelFolderReader().read(folder);
    if (!parsed.isServable()) {
      throw new IllegalStateException(folder + ": " + parsed.problems());
    }
    return parsed.versions().getLast();
  }

  private static void check(LoadedModel model) {
    float[] out = model.infer(REQUEST).getFirst().asFloats();
    if (out[0] != 11 || out[3] != 14) {
      throw new IllegalStateException("add10 answered " + java.util.Arrays.toString(out));
    }
  }

  private static String section(List<LoadResult> rows, List<String> workerCpu, String command) throws IOException {
    StringBuilder s = new StringBuilder();
    s.append("\n## Python backend vs ONNX: add10 (FP32 [4]) per request, in process\n\n");
    s.append(String.format(Locale.ROOT, "Run %s on %d cores; load average %s.%nCommand: `%s`%n%n",
        Instant.now(), Runtime.getRuntime().availableProcessors(), Report.loadAverage(), command));
    s.append("| backend | concurrency | req/s | p50 µs | p99 µs | p99.9 µs | worker CPU µs/req | errors | p50 ÷ ONNX p50 |\n");
    s.append("|---|---|---|---|---|---|---|---|---|\n");
    for (int i = 0; i < rows.size(); i++) {
      LoadResult r = rows.get(i);
      // Rows are ONNX c=1, ONNX c=4, Python c=1, Python c=4: the baseline is the ONNX row of the same concurrency.
      LoadResult onnx = rows.get(i % 2);
      s.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.1f | %.1f | %.1f | %s | %d | %.1f× |%n",
          r.label(), r.concurrency(), r.requestsPerSecond(), r.micros(50), r.micros(99), r.micros(99.9),
          workerCpu.get(i), r.errors(), r.micros(50) / onnx.micros(50)));
    }
    LoadResult onnx1 = rows.get(0);
    LoadResult python1 = rows.get(2);
    s.append(String.format(Locale.ROOT,
        "%nAt concurrency 1 a Python-backend request costs %.0f µs more at p50 than the ONNX one (%.1f µs vs"
            + " %.1f µs), and the worker spends %s µs of CPU on it.%n",
        python1.micros(50) - onnx1.micros(50), python1.micros(50), onnx1.micros(50), workerCpu.get(2)));
    s.append("""

        Both run through `LoadedModel.infer` in one JVM (no HTTP/gRPC: add the transport cost from
        the `trantor serve` table above to either). A Python worker serves one request at a time
        (one process per instance, as Triton runs one stub per instance; add10's config has one
        instance), so concurrency 4 only queues; its cost is the pipe round trip (a JSON header and the raw tensor bytes each way),
        numpy, and the model's own Python. "Worker CPU" is the Python process's CPU time per request
        (from /proc), on top of the JVM's.
        """);
    return s.toString();
  }
}
