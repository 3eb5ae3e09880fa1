package io.trantor.runtime.xgboost;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XgboostModelRuntimeTest {
  private static final List<TensorMetadata> DECLARED_COLUMNS =
      TinyXgboostModel.COLUMNS.stream().map(c -> TensorMetadata.of(c, Datatype.INT64, -1, 1)).toList();

  @TempDir Path folder;
  private final XgboostModelRuntime runtime = new XgboostModelRuntime();
  private Path modelJson;

  @BeforeEach
  void trainModel() throws Exception {
    TinyXgboostModel.train(folder, "model.json");
    modelJson = folder.resolve("model.json");
  }

  private ModelArtifact undeclared() {
    return TinyXgboostModel.artifact(folder, null, null, List.of());
  }

  private static InferenceRequest matrixRequest(float[] rows) {
    long[] shape = {rows.length / TinyXgboostModel.FEATURES, TinyXgboostModel.FEATURES};
    return InferenceRequest.of("tiny", List.of(Tensor.ofFloats("input-0", shape, rows)));
  }

  private static float[] predictions(List<Tensor> outputs) {
    assertThat(outputs).hasSize(1);
    assertThat(outputs.getFirst().name()).isEqualTo("predict");
    assertThat(outputs.getFirst().datatype()).isEqualTo(Datatype.FP32);
    return outputs.getFirst().asFloats();
  }

  @Test
  void predictsWhatXgboostPredictsForOneRow() throws Exception {
    float[] row = TinyXgboostModel.rows(11, 1);
    try (LoadedModel model = runtime.load(undeclared())) {
      List<Tensor> outputs = model.infer(matrixRequest(row));

      assertThat(outputs.getFirst().shape()).containsExactly(1, 1);
      assertThat(predictions(outputs)).containsExactly(TinyXgboostModel.expected(modelJson, row));
    }
  }

  @Test
  void predictsWhatXgboostPredictsForABatch() throws Exception {
    float[] rows = TinyXgboostModel.rows(12, 50);
    try (LoadedModel model = runtime.load(undeclared())) {
      List<Tensor> outputs = model.infer(matrixRequest(rows));

      assertThat(outputs.getFirst().shape()).containsExactly(50, 1);
      assertThat(predictions(outputs)).containsExactly(TinyXgboostModel.expected(modelJson, rows));
    }
  }

  @Test
  void returnsOneProbabilityPerClassForMulticlassModels() throws Exception {
    Path multi = Files.createDirectory(folder.resolve("multi"));
    TinyXgboostModel.trainMulticlass(multi, "model.json");
    float[] rows = TinyXgboostModel.rows(18, 2);
    try (LoadedModel model = runtime.load(TinyXgboostModel.artifact(multi, null, null, List.of()))) {
      assertThat(model.signature().outputs()).containsExactly(TensorMetadata.of("predict", Datatype.FP32, -1, 3));
      List<Tensor> outputs = model.infer(matrixRequest(rows));

      assertThat(outputs.getFirst().shape()).containsExactly(2, 3);
      assertThat(predictions(outputs)).containsExactly(TinyXgboostModel.expected(multi.resolve("model.json"), rows));
    }
  }

  @Test
  void reportsOneFp32MatrixInputWhenNothingIsDeclared() throws Exception {
    try (LoadedModel model = runtime.load(undeclared())) {
      assertThat(model.signature().platform()).isEqualTo("xgboost");
      assertThat(model.signature().inputs()).containsExactly(TensorMetadata.of("input-0", Datatype.FP32, -1, 4));
      assertThat(model.signature().outputs()).containsExactly(TensorMetadata.of("predict", Datatype.FP32, -1, 1));
    }
  }

  @Test
  void reportsTheDeclaredColumnsAsInputs() throws Exception {
    try (LoadedModel model = runtime.load(TinyXgboostModel.artifact(folder, modelJson, "xgboost", DECLARED_COLUMNS))) {
      assertThat(model.signature().inputs()).isEqualTo(DECLARED_COLUMNS);
    }
  }

  @Test
  void readsOneInt64TensorPerDeclaredColumnAsADataFrame() throws Exception {
    float[] rows = TinyXgboostModel.rows(13, 3);
    List<Tensor> columns = new ArrayList<>();
    for (int column = 0; column < TinyXgboostModel.FEATURES; column++) {
      long[] values = new long[3];
      for (int row = 0; row < 3; row++) {
        values[row] = (long) rows[row * TinyXgboostModel.FEATURES + column];
      }
      columns.add(Tensor.ofLongs(TinyXgboostModel.COLUMNS.get(column), new long[] {3, 1}, values));
    }
    // The declared order decides the column order, not the order of the request.
    List<Tensor> shuffled = List.of(columns.get(2), columns.get(0), columns.get(3), columns.get(1));
    InferenceRequest request =
        new InferenceRequest("tiny", null, null, Map.of("content_type", "pd"), shuffled, List.of());

    try (LoadedModel model = runtime.load(TinyXgboostModel.artifact(folder, modelJson, "xgboost", DECLARED_COLUMNS))) {
      List<Tensor> outputs = model.infer(request);

      assertThat(outputs.getFirst().shape()).containsExactly(3, 1);
      assertThat(predictions(outputs)).containsExactly(TinyXgboostModel.expected(modelJson, rows));
    }
  }

  @Test
  void readsSeveralUndeclaredInputsAsColumnsInRequestOrder() throws Exception {
    float[] row = TinyXgboostModel.rows(14, 1);
    List<Tensor> columns = new ArrayList<>();
    for (int column = 0; column < TinyXgboostModel.FEATURES; column++) {
      columns.add(Tensor.ofInts("x" + column, new long[] {1, 1}, (int) row[column]));
    }
    try (LoadedModel model = runtime.load(undeclared())) {
      assertThat(predictions(model.infer(InferenceRequest.of("tiny", columns))))
          .containsExactly(TinyXgboostModel.expected(modelJson, row));
    }
  }

  @Test
  void rejectsColumnsWithDifferentRowCounts() throws Exception {
    List<Tensor> columns = new ArrayList<>();
    for (String name : TinyXgboostModel.COLUMNS) {
      columns.add(Tensor.ofLongs(name, new long[] {1, 1}, 1));
    }
    columns.set(3, Tensor.ofLongs("d", new long[] {2, 1}, 1, 2));
    try (LoadedModel model = runtime.load(TinyXgboostModel.artifact(folder, modelJson, "xgboost", DECLARED_COLUMNS))) {
      assertThatThrownBy(() -> model.infer(InferenceRequest.of("tiny", columns)))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage("input 'd' has 2 rows but 'a' has 1; every column needs the same number of rows");
    }
  }

  @Test
  void rejectsAMatrixWithTheWrongNumberOfFeatures() throws Exception {
    try (LoadedModel model = runtime.load(undeclared())) {
      InferenceRequest request =
          InferenceRequest.of("tiny", List.of(Tensor.ofFloats("input-0", new long[] {1, 3}, 1, 2, 3)));
      assertThatThrownBy(() -> model.infer(request))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage("input 'input-0' has shape [1, 3]; the model expects [rows, 4]");
    }
  }

  @Test
  void refusesToLoadWhenTheDeclaredColumnsDoNotMatchTheFeatures() {
    ModelArtifact artifact = TinyXgboostModel.artifact(folder, modelJson, "xgboost", DECLARED_COLUMNS.subList(0, 3));
    assertThatThrownBy(() -> runtime.load(artifact))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("declares 3 inputs (one per column), but the model takes 4 features");
  }

  @Test
  void loadsTheUbjsonFormat() throws Exception {
    Path ubjFolder = Files.createDirectory(folder.resolve("ubj"));
    TinyXgboostModel.train(ubjFolder, "model.ubj");
    float[] rows = TinyXgboostModel.rows(15, 5);
    try (LoadedModel model = runtime.load(TinyXgboostModel.artifact(ubjFolder, null, null, List.of()))) {
      assertThat(predictions(model.infer(matrixRequest(rows))))
          .containsExactly(TinyXgboostModel.expected(ubjFolder.resolve("model.ubj"), rows));
    }
  }

  @Test
  void explainsAFileThatIsNotAModelWithoutAStackTrace() throws Exception {
    Files.writeString(modelJson, "{\"not\": \"a model\"}");
    assertThatThrownBy(() -> runtime.load(undeclared()))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith("model 'tiny': model.json cannot be read as an XGBoost model: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Stack trace", "\n"));
  }

  @Test
  void explainsAMissingModelFile() throws Exception {
    Files.delete(modelJson);
    assertThatThrownBy(() -> runtime.load(undeclared()))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("model 'tiny': no XGBoost model file in " + folder
            + "; expected one of model.bst, model.json, model.ubj, or set parameters.uri in model-settings.json");
  }

  @Test
  void answersTheSameFromManyThreadsAtOnce() throws Exception {
    int threads = 4;
    int requestsPerThread = 200;
    try (LoadedModel model = runtime.load(undeclared());
        ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        float[] rows = TinyXgboostModel.rows(100 + t, 7);
        float[] expected = TinyXgboostModel.expected(modelJson, rows);
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
    float[] row = TinyXgboostModel.rows(16, 1);
    float[] expected = TinyXgboostModel.expected(modelJson, row);
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

    assertThatThrownBy(() -> model.infer(matrixRequest(TinyXgboostModel.rows(17, 1))))
        .isInstanceOf(ModelNotReadyException.class)
        .hasMessage("model 'tiny_1' has been unloaded");
  }

  @Test
  void claimsModelsThatDeclareXgboost() {
    assertThat(runtime.match(TinyXgboostModel.artifact(folder, null, "xgboost", List.of())))
        .isEqualTo(ArtifactMatch.DECLARED);
    assertThat(runtime.match(TinyXgboostModel.artifact(folder, null, "mlserver_xgboost.XGBoostModel", List.of())))
        .isEqualTo(ArtifactMatch.DECLARED);
    ModelArtifact triton =
        new ModelArtifact("t", "1", folder, null, null, "xgboost", 0, List.of(), List.of(), Map.of(), null);
    assertThat(runtime.match(triton)).isEqualTo(ArtifactMatch.DECLARED);
  }

  @Test
  void claimsWellKnownFilesOnlyWhenNothingElseIsDeclared() throws Exception {
    assertThat(runtime.match(undeclared())).isEqualTo(ArtifactMatch.ARTIFACT_FILE);
    assertThat(runtime.match(TinyXgboostModel.artifact(folder, modelJson, null, List.of())))
        .isEqualTo(ArtifactMatch.ARTIFACT_FILE);
    assertThat(runtime.match(TinyXgboostModel.artifact(folder, null, "mlserver_sklearn.SKLearnModel", List.of())))
        .isEqualTo(ArtifactMatch.NONE);
  }

  @Test
  void ignoresModelSettingsJsonAndLightgbmBstFiles() throws Exception {
    Path other = Files.createDirectory(folder.resolve("other"));
    Files.writeString(other.resolve("model-settings.json"), "{\"name\": \"m\"}");
    Files.writeString(other.resolve("settings.json"), "{}");
    assertThat(runtime.match(TinyXgboostModel.artifact(other, null, null, List.of()))).isEqualTo(ArtifactMatch.NONE);

    Files.writeString(other.resolve("model.bst"), "tree\nversion=v4\n");
    assertThat(runtime.match(TinyXgboostModel.artifact(other, null, null, List.of()))).isEqualTo(ArtifactMatch.NONE);
  }

  @Test
  void isFoundThroughTheServiceLoader() {
    // type(), not get(): other runtimes on the test classpath are not this test's business.
    assertThat(ServiceLoader.load(ModelRuntime.class).stream().map(ServiceLoader.Provider::type))
        .contains(XgboostModelRuntime.class);
    assertThat(runtime.capabilities()).containsExactly("xgboost");
  }
}
