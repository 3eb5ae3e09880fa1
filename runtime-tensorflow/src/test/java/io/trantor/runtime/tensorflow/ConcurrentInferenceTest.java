package io.trantor.runtime.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.repository.ModelFolderReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * One session answers requests from several threads at once (each runs its ops on its own
 * thread), and every thread gets the answer to its own inputs.
 */
class ConcurrentInferenceTest {
  private static final int THREADS = 4;
  private static final int REQUESTS_PER_THREAD = 200;

  @Test
  void everyThreadGetsTheAnswerToItsOwnRequest() throws Exception {
    var simple = new ModelFolderReader().read(Path.of("../samples/seldon-mirror/triton/simple")).versions().getFirst();
    try (LoadedModel model = new TensorflowModelRuntime().load(simple);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
      List<Future<Integer>> mismatches = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        mismatches.add(pool.submit(() -> {
          int wrong = 0;
          for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
            int base = thread * 1_000_000 + i;
            int[] a = IntStream.range(0, 16).map(k -> base + k).toArray();
            int[] b = IntStream.range(0, 16).map(k -> k).toArray();
            List<Tensor> out = model.infer(InferenceRequest.of("simple", List.of(
                Tensor.ofInts("INPUT0", new long[] {1, 16}, a), Tensor.ofInts("INPUT1", new long[] {1, 16}, b))));
            int[] sum = out.get(0).asInts();
            int[] difference = out.get(1).asInts();
            for (int k = 0; k < 16; k++) {
              if (sum[k] != base + 2 * k || difference[k] != base) {
                wrong++;
              }
            }
          }
          return wrong;
        }));
      }
      for (Future<Integer> result : mismatches) {
        assertThat(result.get(60, TimeUnit.SECONDS)).as("wrong elements in one thread's answers").isZero();
      }
    }
  }
}
