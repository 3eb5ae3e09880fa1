package io.trantor.runtime.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import io.trantor.runtime.api.LoadedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One loaded module answers requests from several threads at once, each with its own answer. */
class ConcurrentInferenceTest {
  private static final int THREADS = 4;
  private static final int REQUESTS_PER_THREAD = 50;

  @Test
  void everyThreadGetsTheAnswerToItsOwnRequest() throws Exception {
    try (LoadedModel model = new PytorchModelRuntime().load(MnistPytorchMirrorTest.mnist());
        ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
      List<Future<List<Integer>>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int offset = t;
        results.add(pool.submit(() -> {
          List<Integer> answers = new ArrayList<>();
          for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
            int digit = (offset + i) % 10;
            Tensor scores = model.infer(InferenceRequest.of("mnist-pytorch",
                List.of(MnistPytorchMirrorTest.digits(digit)))).getFirst();
            answers.add(MnistPytorchMirrorTest.argmaxPerRow(scores)[0] - digit);
          }
          return answers;
        }));
      }
      for (Future<List<Integer>> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS)).as("answer minus asked digit").hasSize(REQUESTS_PER_THREAD).containsOnly(0);
      }
    }
  }
}
