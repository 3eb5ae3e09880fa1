package io.trantor.runtime.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.onnx.testing.TinyModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentInferenceTest {
  private static final int THREADS = 8;
  private static final int CALLS_PER_THREAD = 300;

  @TempDir Path dir;

  /** Each call sends its own numbers, so a mixed-up buffer between threads shows as a wrong sum. */
  @Test
  void manyThreadsSharingOneModelEachGetTheirOwnAnswer() throws Exception {
    try (LoadedModel model = new OnnxModelRuntime().load(TinyModels.sumAndDifference(dir));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
      List<Future<Integer>> wrongAnswers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        wrongAnswers.add(pool.submit(() -> countWrongAnswers(model, thread)));
      }
      for (Future<Integer> wrong : wrongAnswers) {
        assertThat(wrong.get(60, TimeUnit.SECONDS)).isZero();
      }
    }
  }

  private static int countWrongAnswers(LoadedModel model, int thread) {
    int wrong = 0;
    long[] shape = {2, TinyModels.WIDTH};
    for (int call = 0; call < CALLS_PER_THREAD; call++) {
      int base = thread * 1_000_000 + call * 100;
      int[] a = new int[32];
      int[] b = new int[32];
      Arrays.setAll(a, i -> base + i);
      Arrays.setAll(b, i -> thread - i);
      List<Tensor> out =
          model.infer(InferenceRequest.of("simple", List.of(Tensor.ofInts("INPUT0", shape, a), Tensor.ofInts("INPUT1", shape, b))));
      int[] sum = out.get(0).asInts();
      int[] difference = out.get(1).asInts();
      for (int i = 0; i < a.length; i++) {
        if (sum[i] != a[i] + b[i] || difference[i] != a[i] - b[i]) {
          wrong++;
        }
      }
    }
    return wrong;
  }
}
