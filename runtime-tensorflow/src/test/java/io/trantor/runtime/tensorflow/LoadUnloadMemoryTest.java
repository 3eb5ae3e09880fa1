package io.trantor.runtime.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.agent.runtime.LoadedModel;
import io.trantor.agent.runtime.ModelArtifact;
import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorMetadata;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TInt64;

/**
 * Unloading gives a model's native memory back: the graph holds a 1 MiB constant, so a graph or
 * session left open leaks at least 1 MiB per load, 100 MiB over the run.
 */
class LoadUnloadMemoryTest {
  private static final int WEIGHTS = 256 * 1024; // floats: 1 MiB
  /**
   * TensorFlow's and glibc's allocators keep growing their caches for the first ~150 cycles when
   * other models ran in this JVM before (measured: +80 MiB, then -30 MiB, -15 MiB... per window
   * of 150), so the measurement starts after they settle.
   */
  private static final int WARM_UP_CYCLES = 150;
  private static final int MEASURED_CYCLES = 100;
  /** Room for allocator and JIT noise (±30 MiB per window measured); a leaked graph per cycle is 100 MiB. */
  private static final long BOUND_BYTES = 64L * 1024 * 1024;

  @TempDir Path dir;

  @Test
  void nativeMemoryStaysFlatOverManyLoadUnloadCycles() throws Exception {
    ModelArtifact artifact = lookupModel();
    TensorflowModelRuntime runtime = new TensorflowModelRuntime();
    for (int i = 0; i < WARM_UP_CYCLES; i++) {
      cycle(runtime, artifact);
    }
    long before = residentBytes();
    for (int i = 0; i < MEASURED_CYCLES; i++) {
      cycle(runtime, artifact);
    }
    long growth = residentBytes() - before; System.err.println("GROWTH KiB " + growth / 1024);

    assertThat(growth)
        .as("growth of resident memory outside the heap over %d load/infer/unload cycles: %d KiB", MEASURED_CYCLES, growth / 1024)
        .isLessThan(BOUND_BYTES);
  }

  private static void cycle(TensorflowModelRuntime runtime, ModelArtifact artifact) throws Exception {
    try (LoadedModel model = runtime.load(artifact)) {
      List<Tensor> out = model.infer(
          InferenceRequest.of("lookup", List.of(Tensor.ofLongs("INDEX", new long[] {3}, 0, 7, WEIGHTS - 1))));
      assertThat(out.getFirst().asFloats()).containsExactly(0f, 7f, WEIGHTS - 1f);
    }
  }

  /** {@code VALUE = Gather(weights, INDEX)} with {@code weights[i] = i}, as a GraphDef file. */
  private ModelArtifact lookupModel() throws IOException {
    float[] weights = new float[WEIGHTS];
    for (int i = 0; i < WEIGHTS; i++) {
      weights[i] = i;
    }
    Path version = Files.createDirectories(dir.resolve("lookup/1"));
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TInt64> index = tf.withName("INDEX").placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
      tf.withName("VALUE").gather(tf.constant(weights), index, tf.constant(0));
      Files.write(version.resolve("model.graphdef"), graph.toGraphDef().toByteArray());
    }
    return new ModelArtifact("lookup", "1", version, null, null, "tensorflow_graphdef", 0,
        List.of(TensorMetadata.of("INDEX", Datatype.INT64, -1)),
        List.of(TensorMetadata.of("VALUE", Datatype.FP32, -1)), Map.of(), null);
  }

  /**
   * Resident memory outside the Java heap. The GraphDef bytes pass through the heap on every load
   * (1 MiB read, 1 MiB parsed), and the heap may grow to hold that garbage, which is not a leak.
   */
  private static long residentBytes() throws IOException {
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024 - heap;
      }
    }
    throw new IllegalStateException("no VmRSS line in /proc/self/status (this test needs Linux)");
  }
}
