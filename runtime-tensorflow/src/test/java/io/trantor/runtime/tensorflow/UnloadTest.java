package io.trantor.runtime.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.repository.ModelFolderReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Unloading releases the TensorFlow session and graph at once, not when the garbage collector
 * gets round to them. (TF Java also frees them when their Java objects are collected, so a
 * resident-memory test cannot tell a missing close from a working one; the session refusing to
 * run after close can.)
 */
class UnloadTest {
  private static ModelArtifact simple() {
    return new ModelFolderReader().read(Path.of("../samples/seldon-mirror/triton/simple")).versions().getFirst();
  }

  private static InferenceRequest request() {
    int[] x = new int[16];
    return InferenceRequest.of("simple", List.of(
        Tensor.ofInts("INPUT0", new long[] {1, 16}, x), Tensor.ofInts("INPUT1", new long[] {1, 16}, x)));
  }

  @Test
  void closeReleasesTheSessionSoTheModelNoLongerRuns() throws Exception {
    LoadedModel model = new TensorflowModelRuntime().load(simple());
    assertThat(model.infer(request())).hasSize(2);

    model.close();

    assertThatThrownBy(() -> model.infer(request())).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closingTwiceIsHarmless() throws Exception {
    LoadedModel model = new TensorflowModelRuntime().load(simple());
    model.close();
    model.close();
  }

  @Test
  void manyLoadsAndUnloadsKeepAnswering() throws Exception {
    TensorflowModelRuntime runtime = new TensorflowModelRuntime();
    for (int i = 0; i < 50; i++) {
      try (LoadedModel model = runtime.load(simple())) {
        assertThat(model.infer(request()).getFirst().asInts()).hasSize(16);
      }
    }
  }
}
