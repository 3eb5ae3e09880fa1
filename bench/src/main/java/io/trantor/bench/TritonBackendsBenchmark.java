package io.trantor.bench;

import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelRuntime;
import io.trantor.runtime.api.RuntimeRegistry;
import io.trantor.runtime.api.repository.ModelFolder;
import io.trantor.runtime.api.repository.ModelFolderReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * What each built-in backend costs per request: the same model ({@code simple}: INT32 {@code [1,16]}
 * x2 → sum and difference; and the MNIST stand-in) served by different runtimes in this JVM,
 * called through {@link LoadedModel#infer} (no network, no request validation), one thread and
 * then two. Also the first load (which starts the native library) and a later load.
 *
 * <p>Usage: {@code TritonBackendsBenchmark <repoRoot> <secondsPerRun> <resultsFile> <command>}.
 */
public final class TritonBackendsBenchmark {
  private static final int WARM_UP_CALLS = 2_000;

  /** One model as one backend serves it. */
  private record Case(String label, Path folder, InferenceRequest request) {}

  private record Row(String label, String runtime, double firstLoadMs, double reloadMs, Samples oneThread,
      double oneThreadPerSecond, double twoThreadsPerSecond) {}

  private TritonBackendsBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    int seconds = Integer.parseInt(args[1]);
    Path results = Path.of(args[2]);
    String command = args[3];
    int[] x = IntStream.rangeClosed(1, 16).toArray();
    InferenceRequest simple = InferenceRequest.of("simple", List.of(
        Tensor.ofInts("INPUT0", new long[] {1, 16}, x), Tensor.ofInts("INPUT1", new long[] {1, 16}, x)));
    float[] image = new float[28 * 28];
    for (int i = 0; i < image.length; i += 3) {
      image[i] = 1f;
    }
    Path mirror = root.resolve("samples/seldon-mirror");
    List<Case> cases = List.of(
        new Case("simple as TensorFlow GraphDef (triton/simple)", mirror.resolve("triton/simple"), simple),
        new Case("simple as ONNX (samples/models/simple)", root.resolve("samples/models/simple"), simple),
        new Case("mnist as ONNX (mnist-onnx)", mirror.resolve("scv2/samples/triton_23-03/mnist-onnx"),
            InferenceRequest.of("mnist", List.of(Tensor.ofFloats("Input3", new long[] {1, 1, 28, 28}, image)))),
        new Case("mnist as TorchScript (mnist-pytorch)", mirror.resolve("scv2/samples/triton_23-03/mnist-pytorch"),
            InferenceRequest.of("mnist", List.of(Tensor.ofFloats("x__0", new long[] {1, 1, 28, 28}, image)))));
    String loadBefore = Report.loadAverage();
    List<Row> rows = new ArrayList<>();
    try (RuntimeRegistry runtimes = RuntimeRegistry.discover()) {
      for (Case c : cases) {
        rows.add(measure(runtimes, c, seconds));
      }
    }
    String section = render(rows, seconds, command, loadBefore, Report.loadAverage());
    System.out.print(section);
    Files.writeString(results, section, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static Row measure(RuntimeRegistry runtimes, Case c, int seconds) throws Exception {
    ModelFolder folder = new ModelFolderReader().read(c.folder());
    if (!folder.problems().isEmpty()) {
      throw new IllegalStateException(c.folder() + ": " + folder.problems());
    }
    ModelArtifact artifact = folder.versions().getFirst();
    ModelRuntime runtime = runtimes.choose(artifact);
    long t0 = System.nanoTime();
    runtime.load(artifact).close();
    double firstLoadMs = (System.nanoTime() - t0) / 1e6;
    long t1 = System.nanoTime();
    try (LoadedModel model = runtime.load(artifact)) {
      double reloadMs = (System.nanoTime() - t1) / 1e6;
      for (int i = 0; i < WARM_UP_CALLS; i++) {
        model.infer(c.request());
      }
      List<Long> nanos = new ArrayList<>();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      long start = System.nanoTime();
      while (System.nanoTime() < end) {
        long s = System.nanoTime();
        model.infer(c.request());
        nanos.add(System.nanoTime() - s);
      }
      double oneThreadPerSecond = nanos.size() / ((System.nanoTime() - start) / 1e9);
      double twoThreadsPerSecond = parallel(model, c.request(), 2, seconds);
      return new Row(c.label(), runtime.name(), firstLoadMs, reloadMs, Samples.of(nanos), oneThreadPerSecond,
          twoThreadsPerSecond);
    }
  }

  private static double parallel(LoadedModel model, InferenceRequest request, int threads, int seconds)
      throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<Long>> counts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        counts.add(pool.submit(() -> {
          long n = 0;
          while (System.nanoTime() < end) {
            model.infer(request);
            n++;
          }
          return n;
        }));
      }
      long total = 0;
      for (Future<Long> count : counts) {
        total += count.get(seconds + 60L, TimeUnit.SECONDS);
      }
      return total / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static String render(List<Row> rows, int seconds, String command, String loadBefore, String loadAfter) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT,
        "%n## Built-in backends: the same model in TensorFlow, ONNX Runtime and LibTorch, per request%n%n"
            + "Run %s on %d cores, one JVM, calls straight into the loaded model (no network, no JSON, no "
            + "request validation); %d s per measurement after %d warm-up calls; measured once (load average %s "
            + "before, %s after).%nCommand: `%s`%n%n",
        Instant.now(), Runtime.getRuntime().availableProcessors(), seconds, WARM_UP_CALLS, loadBefore, loadAfter,
        command));
    out.append("| model and backend | runtime | first load ms (starts the native library) | reload ms "
        + "| 1 thread p50 / p99 µs | 1 thread calls/s | 2 threads calls/s |\n|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      out.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.1f | %.1f / %.1f | %.0f | %.0f |%n",
          r.label(), r.runtime(), r.firstLoadMs(), r.reloadMs(), r.oneThread().millis(50) * 1000,
          r.oneThread().millis(99) * 1000, r.oneThreadPerSecond(), r.twoThreadsPerSecond()));
    }
    return out.toString();
  }
}
