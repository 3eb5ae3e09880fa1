package io.trantor.runtime.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.onnx.testing.TinyModels;
import io.trantor.samples.onnx.OnnxElementType;
import io.trantor.samples.onnx.OnnxModelBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading and unloading a model many times must give its native memory back. The model holds a
 * 1 MiB weight that the session keeps (a Gather over it cannot be constant-folded away), so a
 * session or tensor that is not closed leaks at least 1 MiB per cycle: 200 MiB over the run.
 */
class LoadUnloadMemoryTest {
  private static final int WEIGHTS = 256 * 1024; // floats: 1 MiB
  private static final int WARM_UP_CYCLES = 20;
  private static final int MEASURED_CYCLES = 200;
  /**
   * Allowed RSS growth over the measured cycles. A leak of one session per cycle costs
   * 200 x 1 MiB, so 64 MiB catches it with room for allocator and JIT noise (glibc arenas keep
   * freed native memory around, and the JVM keeps compiling while the test runs).
   */
  private static final long BOUND_BYTES = 64L * 1024 * 1024;

  @TempDir Path dir;

  @Test
  void residentMemoryStaysFlatOverTwoHundredLoadUnloadCycles() throws Exception {
    ModelArtifact artifact = TinyModels.write(dir, "lookup", lookupModel());
    OnnxModelRuntime runtime = new OnnxModelRuntime();
    for (int i = 0; i < WARM_UP_CYCLES; i++) {
      cycle(runtime, artifact);
    }
    long before = residentBytes();
    for (int i = 0; i < MEASURED_CYCLES; i++) {
      cycle(runtime, artifact);
    }
    long growth = residentBytes() - before;

    assertThat(growth)
        .as("RSS growth over %d load/infer/unload cycles: %d KiB", MEASURED_CYCLES, growth / 1024)
        .isLessThan(BOUND_BYTES);
  }

  private static void cycle(OnnxModelRuntime runtime, ModelArtifact artifact) throws Exception {
    try (LoadedModel model = runtime.load(artifact)) {
      List<Tensor> out =
          model.infer(InferenceRequest.of("lookup", List.of(Tensor.ofLongs("INDEX", new long[] {3}, 0, 7, WEIGHTS - 1))));
      assertThat(out.getFirst().asFloats()).containsExactly(0f, 7f, WEIGHTS - 1f);
    }
  }

  /** {@code VALUE = Gather(weights, INDEX)} with {@code weights[i] = i}. */
  private static byte[] lookupModel() {
    float[] weights = new float[WEIGHTS];
    for (int i = 0; i < WEIGHTS; i++) {
      weights[i] = i;
    }
    return OnnxModelBuilder.graph("lookup")
        .input("INDEX", OnnxElementType.INT64, -1)
        .output("VALUE", OnnxElementType.FLOAT, -1)
        .floatInitializer("weights", new long[] {WEIGHTS}, weights)
        .node("Gather", List.of("weights", "INDEX"), List.of("VALUE"))
        .build();
  }

  private static long residentBytes() throws IOException {
    System.gc();
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IllegalStateException("no VmRSS line in /proc/self/status (this test needs Linux)");
  }
}
