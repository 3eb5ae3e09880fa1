package io.trantor.runtime.api.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.ModelNotReadyException;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.api.ModelRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every runtime for tabular models does alike, run against a subclass's tiny binary model: it
 * takes {@link #FEATURES} features, which a model's settings may declare as the INT64 columns
 * {@link #COLUMNS}, and is called {@code tiny} (version 1). The subclass adds its own library's
 * tests.
 *
 * @param <R> the row-major feature values the subclass's library predicts on ({@code float[]} or
 *     {@code double[]}); also the type of its predictions
 */
public abstract class TabularModelRuntimeContract<R> {
  protected static final int FEATURES = 4;
  protected static final List<String> COLUMNS = List.of("a", "b", "c", "d");
  protected static final List<TensorMetadata> DECLARED_COLUMNS =
      COLUMNS.stream().map(c -> TensorMetadata.of(c, Datatype.INT64, -1, 1)).toList();

  protected abstract ModelRuntime runtime();

  /** The tiny model's folder with nothing declared: the runtime finds its well-known file. */
  protected abstract ModelArtifact undeclared();

  /** The tiny model's file, declared for this runtime, with {@code inputs} declared. */
  protected abstract ModelArtifact declaring(List<TensorMetadata> inputs);

  /** {@code count × FEATURES} small integers from a fixed seed. */
  protected abstract R rows(long seed, int count);

  /** What the library itself predicts for {@code rows} with the tiny model, flattened. */
  protected abstract R expected(R rows) throws Exception;

  /** {@code rows} as one FP32 {@code [rows, FEATURES]} tensor named {@code input-0}. */
  protected abstract InferenceRequest matrixRequest(R rows);

  /** The values of the one output, {@code predict}, after checking its name and datatype. */
  protected abstract R predictions(List<Tensor> outputs);

  /** The platform the signature reports. */
  protected abstract String platform();

  /** The datatype of {@code predict}. */
  protected abstract Datatype outputDatatype();

  @Test
  void predictsWhatTheLibraryPredictsForOneRow() throws Exception {
    R row = rows(11, 1);
    try (LoadedModel model = runtime().load(undeclared())) {
      List<Tensor> outputs = model.infer(matrixRequest(row));

      assertThat(outputs.getFirst().shape()).containsExactly(1, 1);
      assertThat(predictions(outputs)).isEqualTo(expected(row));
    }
  }

  @Test
  void predictsWhatTheLibraryPredictsForABatch() throws Exception {
    R rows = rows(12, 50);
    try (LoadedModel model = runtime().load(undeclared())) {
      List<Tensor> outputs = model.infer(matrixRequest(rows));

      assertThat(outputs.getFirst().shape()).containsExactly(50, 1);
      assertThat(predictions(outputs)).isEqualTo(expected(rows));
    }
  }

  @Test
  void reportsOneFp32MatrixInputWhenNothingIsDeclared() throws Exception {
    try (LoadedModel model = runtime().load(undeclared())) {
      assertThat(model.signature().platform()).isEqualTo(platform());
      assertThat(model.signature().inputs()).containsExactly(TensorMetadata.of("input-0", Datatype.FP32, -1, 4));
      assertThat(model.signature().outputs()).containsExactly(TensorMetadata.of("predict", outputDatatype(), -1, 1));
    }
  }

  @Test
  void reportsTheDeclaredColumnsAsInputs() throws Exception {
    try (LoadedModel model = runtime().load(declaring(DECLARED_COLUMNS))) {
      assertThat(model.signature().inputs()).isEqualTo(DECLARED_COLUMNS);
    }
  }

  @Test
  void rejectsAMissingDeclaredColumn() throws Exception {
    List<Tensor> columns = new ArrayList<>();
    for (String name : COLUMNS.subList(0, 3)) {
      columns.add(Tensor.ofLongs(name, new long[] {1, 1}, 1));
    }
    try (LoadedModel model = runtime().load(declaring(DECLARED_COLUMNS))) {
      assertThatThrownBy(() -> model.infer(InferenceRequest.of("tiny", columns)))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage("input 'd' is missing; the model takes one input per column: a, b, c, d");
    }
  }

  @Test
  void rejectsColumnsWithDifferentRowCounts() throws Exception {
    List<Tensor> columns = new ArrayList<>();
    for (String name : COLUMNS) {
      columns.add(Tensor.ofLongs(name, new long[] {1, 1}, 1));
    }
    columns.set(3, Tensor.ofLongs("d", new long[] {2, 1}, 1, 2));
    try (LoadedModel model = runtime().load(declaring(DECLARED_COLUMNS))) {
      assertThatThrownBy(() -> model.infer(InferenceRequest.of("tiny", columns)))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage("input 'd' has 2 rows but 'a' has 1; every column needs the same number of rows");
    }
  }

  @Test
  void rejectsAMatrixWithTheWrongNumberOfFeatures() throws Exception {
    try (LoadedModel model = runtime().load(undeclared())) {
      InferenceRequest request =
          InferenceRequest.of("tiny", List.of(Tensor.ofFloats("input-0", new long[] {1, 3}, 1, 2, 3)));
      assertThatThrownBy(() -> model.infer(request))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage("input 'input-0' has shape [1, 3]; the model expects [rows, 4]");
    }
  }

  @Test
  void refusesToLoadWhenTheDeclaredColumnsDoNotMatchTheFeatures() {
    ModelArtifact artifact = declaring(DECLARED_COLUMNS.subList(0, 3));
    assertThatThrownBy(() -> runtime().load(artifact))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("declares 3 inputs (one per column), but the model takes 4 features");
  }

  @Test
  void answersTheSameFromManyThreadsAtOnce() throws Exception {
    int threads = 4;
    int requestsPerThread = 200;
    try (LoadedModel model = runtime().load(undeclared());
        ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        R rows = rows(100 + t, 7);
        R expected = expected(rows);
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < requestsPerThread; i++) {
                    if (!Objects.deepEquals(predictions(model.infer(matrixRequest(rows))), expected)) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    }
  }

  @Test
  void loadsAndUnloadsAHundredTimes() throws Exception {
    R row = rows(16, 1);
    R expected = expected(row);
    for (int i = 0; i < 100; i++) {
      try (LoadedModel model = runtime().load(undeclared())) {
        assertThat(predictions(model.infer(matrixRequest(row)))).isEqualTo(expected);
      }
    }
  }

  @Test
  void refusesRequestsAfterUnload() throws Exception {
    LoadedModel model = runtime().load(undeclared());
    model.close();
    model.close(); // a second close is harmless

    assertThatThrownBy(() -> model.infer(matrixRequest(rows(17, 1))))
        .isInstanceOf(ModelNotReadyException.class)
        .hasMessage("model 'tiny_1' has been unloaded");
  }
}
