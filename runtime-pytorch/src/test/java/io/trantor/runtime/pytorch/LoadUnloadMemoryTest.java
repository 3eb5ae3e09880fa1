package io.trantor.runtime.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.samples.tritonnative.TorchScriptArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unloading gives a TorchScript model's native memory back: the module holds a 1 MiB weight, so a
 * module or a request's tensors left open leak at least 1 MiB per cycle, 150 MiB over the run.
 */
class LoadUnloadMemoryTest {
  private static final int WEIGHTS = 256 * 1024; // floats: 1 MiB
  private static final int WARM_UP_CYCLES = 20;
  private static final int MEASURED_CYCLES = 150;
  /** Room for allocator and JIT noise; a leaked module per cycle would be 150 MiB. */
  private static final long BOUND_BYTES = 64L * 1024 * 1024;
  private static final String SOURCE = """
      class Lookup(Module):
        __parameters__ = []
        __buffers__ = ["weight", ]
        weight : Tensor
        training : bool
        def forward(self: __torch__.lookup.Lookup,
          index__0: Tensor) -> Tensor:
          return torch.index_select(self.weight, 0, index__0)
      """;

  @TempDir Path dir;

  @Test
  void residentMemoryStaysFlatOverManyLoadUnloadCycles() throws Exception {
    ModelArtifact artifact = lookupModel();
    PytorchModelRuntime runtime = new PytorchModelRuntime();
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

  private static void cycle(PytorchModelRuntime runtime, ModelArtifact artifact) throws Exception {
    try (LoadedModel model = runtime.load(artifact)) {
      List<Tensor> out = model.infer(
          InferenceRequest.of("lookup", List.of(Tensor.ofLongs("INDEX__0", new long[] {3}, 0, 7, WEIGHTS - 1))));
      assertThat(out.getFirst().asFloats()).containsExactly(0f, 7f, WEIGHTS - 1f);
    }
  }

  /** {@code VALUE__0 = weight[INDEX__0]} with {@code weight[i] = i}, as a TorchScript file. */
  private ModelArtifact lookupModel() throws IOException {
    float[] weights = new float[WEIGHTS];
    for (int i = 0; i < WEIGHTS; i++) {
      weights[i] = i;
    }
    Path version = Files.createDirectories(dir.resolve("lookup/1"));
    TorchScriptArchive archive = new TorchScriptArchive("lookup", "Lookup", SOURCE,
        List.of(new TorchScriptArchive.FloatTensor("weight", new long[] {WEIGHTS}, weights)));
    Files.write(version.resolve("model.pt"), archive.toBytes());
    return new ModelArtifact("lookup", "1", version, null, null, "pytorch_libtorch", 0,
        List.of(TensorMetadata.of("INDEX__0", Datatype.INT64, -1)),
        List.of(TensorMetadata.of("VALUE__0", Datatype.FP32, -1)), Map.of(), null);
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
