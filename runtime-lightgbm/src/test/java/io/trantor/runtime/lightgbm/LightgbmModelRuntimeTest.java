package io.trantor.runtime.lightgbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trantor.agent.runtime.ArtifactMatch;
import io.trantor.agent.runtime.LoadedModel;
import io.trantor.agent.runtime.ModelArtifact;
import io.trantor.agent.runtime.ModelLoadException;
import io.trantor.agent.runtime.ModelRuntime;
import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.ModelNotReadyException;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LightgbmModelRuntimeTest {
  private static final List<TensorMetadata> DECLARED_COLUMNS =
      TinyLightgbmModel.COLUMNS.stream().map(c -> TensorMetadata.of(c, Datatype.INT64, -1, 1)).toList();

  @TempDir Path folder;
  private final LightgbmModelRuntime runtime = new LightgbmModelRuntime();
  private Path modelTxt;

  @BeforeEach
  void trainModel() throws Exception {
    TinyLightgbmModel.trainBinary(folder, "model.txt");
    modelTxt = folder.resolve("model.txt");
  }

  private ModelArtifact undeclared() {
    return TinyLightgbmModel.artifact(folder, null, null, List.of());
  }

  private static InferenceRequest matrixRequest(double[] rows) {
    float[] floats = new float[rows.length];
    for (int i = 0; i < rows.length; i++) {
      floats[i] = (float) rows[i];
    }
    long[] shape = {rows.length / TinyLightgbmModel.FEATURES, TinyLightgbmModel.FEATURES};
    return InferenceRequest.of("tiny", List.of(Tensor.ofFloats("input-0", shape, floats)));
  }

  private static double[] predictions(List<Tensor> outputs) {
    assertThat(outputs).hasSize(1);
    assertThat(outputs.getFirst().name()).isEqualTo("predict");
    assertThat(outputs.getFirst().datatype()).isEqualTo(Datatype.FP64);
    return outputs.getFirst().asDoubles();
  }

  @Test
  void predictsWhatLightgbmPredictsForOneRow() throws Exception {
    double[] row = TinyLightgbmModel.rows(11, 1);
    try (LoadedModel model = runtime.load(undeclared())) {
      List<Tensor> outputs = model.infer(matrixRequest(row));

      assertThat(outputs.getFirst().shape()).containsExactly(1, 1);
      assertThat(predictions(outputs)).containsExactly(TinyLightgbmModel.expected(modelTxt, row));
    }
  }

  @Test
  void predictsWhatLightgbmPredictsForABatch() throws Exception {
    double[] rows = TinyLightgbmModel.rows(12, 50);
    try (LoadedModel model = runtime.load(undeclared())) {
      List<Tensor> outputs = model.infer(matrixRequest(rows));

      assertThat(outputs.getFirst().shape()).containsExactly(50, 1);
      assertThat(predictions(outputs)).containsExactly(TinyLightgbmModel.expected(modelTxt, rows));
    }
  }

  @Test
  void returnsOneProbabilityPerClassForMulticlassModels() throws Exception {
    // lightgbm4j's own predictForMat overruns its buffer for 3+ classes, so it cannot serve as the
    // reference here: check that the rows are distributions and that batching changes nothing.
    Path multi = Files.createDirectory(folder.resolve("multi"));
    TinyLightgbmModel.trainMulticlass(multi, "model.txt");
    double[] rows = TinyLightgbmModel.rows(18, 2);
    try (LoadedModel model = runtime.load(TinyLightgbmModel.artifact(multi, null, null, List.of()))) {
      assertThat(model.signature().outputs()).containsExactly(TensorMetadata.of("predict", Datatype.FP64, -1, 3));
      List<Tensor> outputs = model.infer(matrixRequest(rows));

      assertThat(outputs.getFirst().shape()).containsExactly(2, 3);
      double[] batch = predictions(outputs);
      assertThat(batch[0] + batch[1] + batch[2]).isCloseTo(1.0, Offset.offset(1e-9));
      assertThat(batch[3] + batch[4] + batch[5]).isCloseTo(1.0, Offset.offset(1e-9));
      assertThat(batch).isNotEqualTo(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3, 1.0 / 3, 1.0 / 3, 1.0 / 3});
      double[] secondAlone = predictions(model.infer(matrixRequest(Arrays.copyOfRange(rows, 4, 8))));
      assertThat(secondAlone).containsExactly(Arrays.copyOfRange(batch, 3, 6));
    }
  }

  @Test
  void reportsOneFp32MatrixInputWhenNothingIsDeclared() throws Exception {
    try (LoadedModel model = runtime.load(undeclared())) {
      assertThat(model.signature().platform()).isEqualTo("lightgbm");
      assertThat(model.signature().inputs()).containsExactly(TensorMetadata.of("input-0", Datatype.FP32, -1, 4));
      assertThat(model.signature().outputs()).containsExactly(TensorMetadata.of("predict", Datatype.FP64, -1, 1));
    }
  }

  @Test
  void readsOneInt64TensorPerDeclaredColumnAsADataFrame() throws Exception {
    double[] rows = TinyLightgbmModel.rows(13, 3);
    List<Tensor> columns = new ArrayList<>();
    for (int column = 0; column < TinyLightgbmModel.FEATURES; column++) {
      long[] values = new long[3];
      for (int row = 0; row < 3; row++) {
        values[row] = (long) rows[row * TinyLightgbmModel.FEATURES + column];
      }
      columns.add(Tensor.ofLongs(TinyLightgbmModel.COLUMNS.get(column), new long[] {3, 1}, values));
    }
    // The declared order decides the column order, not the order of the request.
    List<Tensor> shuffled = List.of(columns.get(3), columns.get(1), columns.get(0), columns.get(2));
    InferenceRequest request =
        new InferenceRequest("tiny", null, null, Map.of("content_type", "pd"), shuffled, List.of());

    ModelArtifact artifact = TinyLightgbmModel.artifact(folder, modelTxt, "lightgbm", DECLARED_COLUMNS);
    try (LoadedModel model = runtime.load(artifact)) {
      assertThat(model.signature().inputs()).isEqualTo(DECLARED_COLUMNS);
      List<Tensor> outputs = model.infer(request);

      assertThat(outputs.getFirst().shape()).containsExactly(3, 1);
      assertThat(predictions(outputs)).containsExactly(TinyLightgbmModel.expected(modelTxt, rows));
    }
  }

  @Test
  void rejectsAMissingDeclaredColumn() throws Exception {
    List<Tensor> columns = new ArrayList<>();
    for (String name : TinyLightgbmModel.COLUMNS.subList(0, 3)) {
      columns.add(Tensor.ofLongs(name, new long[] {1, 1}, 1));
    }
    ModelArtifact artifact = TinyLightgbmModel.artifact(folder, modelTxt, "lightgbm", DECLARED_COLUMNS);
    try (LoadedModel model = runtime.load(artifact)) {
      assertThatThrownBy(() -> model.infer(InferenceRequest.of("tiny", columns)))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage("input 'd' is missing; the model takes one input per column: a, b, c, d");
    }
  }

  @Test
  void explainsAFileThatIsNotAModelWithoutAStackTrace() throws Exception {
    Files.writeString(modelTxt, "this is not a model\n");
    assertThatThrownBy(() -> runtime.load(undeclared()))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith("model 'tiny': model.txt cannot be read as a LightGBM model: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void explainsAMissingUri() {
    Path missing = folder.resolve("gone.txt");
    assertThatThrownBy(() -> runtime.load(TinyLightgbmModel.artifact(folder, missing, "lightgbm", List.of())))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("model 'tiny': parameters.uri points at " + missing + ", which does not exist");
  }

  @Test
  void answersTheSameFromManyThreadsAtOnce() throws Exception {
    int threads = 4;
    int requestsPerThread = 200;
    try (LoadedModel model = runtime.load(undeclared());
        ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        double[] rows = TinyLightgbmModel.rows(100 + t, 7);
        double[] expected = TinyLightgbmModel.expected(modelTxt, rows);
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < requestsPerThread; i++) {
                    if (!Arrays.equals(predictions(model.infer(matrixRequest(rows))), expected)) {
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
    double[] row = TinyLightgbmModel.rows(16, 1);
    double[] expected = TinyLightgbmModel.expected(modelTxt, row);
    for (int i = 0; i < 100; i++) {
      try (LoadedModel model = runtime.load(undeclared())) {
        assertThat(predictions(model.infer(matrixRequest(row)))).containsExactly(expected);
      }
    }
  }

  @Test
  void refusesRequestsAfterUnload() throws Exception {
    LoadedModel model = runtime.load(undeclared());
    model.close();
    model.close(); // a second close is harmless

    assertThatThrownBy(() -> model.infer(matrixRequest(TinyLightgbmModel.rows(17, 1))))
        .isInstanceOf(ModelNotReadyException.class)
        .hasMessage("model 'tiny_1' has been unloaded");
  }

  @Test
  void claimsModelsThatDeclareLightgbm() {
    assertThat(runtime.match(TinyLightgbmModel.artifact(folder, null, "lightgbm", List.of())))
        .isEqualTo(ArtifactMatch.DECLARED);
    assertThat(runtime.match(TinyLightgbmModel.artifact(folder, null, "mlserver_lightgbm.LightGBMModel", List.of())))
        .isEqualTo(ArtifactMatch.DECLARED);
    assertThat(runtime.match(TinyLightgbmModel.artifact(folder, null, "xgboost", List.of())))
        .isEqualTo(ArtifactMatch.NONE);
  }

  @Test
  void claimsTextModelsUnderWellKnownNames() throws Exception {
    assertThat(runtime.match(undeclared())).isEqualTo(ArtifactMatch.ARTIFACT_FILE);

    Path bst = Files.createDirectory(folder.resolve("bst"));
    Files.copy(modelTxt, bst.resolve("model.bst"));
    assertThat(runtime.match(TinyLightgbmModel.artifact(bst, null, null, List.of())))
        .isEqualTo(ArtifactMatch.ARTIFACT_FILE);
    try (LoadedModel model = runtime.load(TinyLightgbmModel.artifact(bst, null, null, List.of()))) {
      double[] row = TinyLightgbmModel.rows(19, 1);
      assertThat(predictions(model.infer(matrixRequest(row)))).containsExactly(TinyLightgbmModel.expected(modelTxt, row));
    }
  }

  @Test
  void ignoresModelSettingsJsonAndXgboostBstFiles() throws Exception {
    Path other = Files.createDirectory(folder.resolve("other"));
    Files.writeString(other.resolve("model-settings.json"), "{\"name\": \"m\"}");
    assertThat(runtime.match(TinyLightgbmModel.artifact(other, null, null, List.of()))).isEqualTo(ArtifactMatch.NONE);

    Files.write(other.resolve("model.bst"), new byte[] {'{', 'L', 0, 0, 0, 5});
    assertThat(runtime.match(TinyLightgbmModel.artifact(other, null, null, List.of()))).isEqualTo(ArtifactMatch.NONE);
  }

  @Test
  void loadsLightgbmsNativeLibraryWithoutRewritingTheSharedCopy() throws Exception {
    try (LoadedModel model = runtime.load(undeclared())) {
      assertThat(model.infer(matrixRequest(TinyLightgbmModel.rows(20, 1))).getFirst().shape()).containsExactly(1, 1);
    }
    var shared = LightgbmNativeLibrary.sharedCopy();
    var jvmStart = ProcessHandle.current().info().startInstant().orElseThrow();
    assertThat(!shared.exists() || shared.lastModified() < jvmStart.toEpochMilli())
        .as("%s must not be written by this JVM", shared)
        .isTrue();
  }

  @Test
  void isFoundThroughTheServiceLoader() {
    // type(), not get(): other runtimes on the test classpath are not this test's business.
    assertThat(ServiceLoader.load(ModelRuntime.class).stream().map(ServiceLoader.Provider::type))
        .contains(LightgbmModelRuntime.class);
    assertThat(runtime.capabilities()).containsExactly("lightgbm");
  }
}
