package io.trantor.runtime.xgboost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.ArtifactMatch;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.api.ModelRuntime;
import io.trantor.runtime.api.tabular.TabularModelRuntimeContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XgboostModelRuntimeTest extends TabularModelRuntimeContract<float[]> {
  @TempDir Path folder;
  private final XgboostModelRuntime runtime = new XgboostModelRuntime();
  private Path modelJson;

  @BeforeEach
  void trainModel() throws Exception {
    TinyXgboostModel.train(folder, "model.json");
    modelJson = folder.resolve("model.json");
  }

  @Override
  protected ModelRuntime runtime() {
    return runtime;
  }

  @Override
  protected ModelArtifact undeclared() {
    return TinyXgboostModel.artifact(folder, null, null, List.of());
  }

  @Override
  protected ModelArtifact declaring(List<TensorMetadata> inputs) {
    return TinyXgboostModel.artifact(folder, modelJson, "xgboost", inputs);
  }

  @Override
  protected float[] rows(long seed, int count) {
    return TinyXgboostModel.rows(seed, count);
  }

  @Override
  protected float[] expected(float[] rows) throws Exception {
    return TinyXgboostModel.expected(modelJson, rows);
  }

  @Override
  protected InferenceRequest matrixRequest(float[] rows) {
    long[] shape = {rows.length / FEATURES, FEATURES};
    return InferenceRequest.of("tiny", List.of(Tensor.ofFloats("input-0", shape, rows)));
  }

  @Override
  protected float[] predictions(List<Tensor> outputs) {
    assertThat(outputs).hasSize(1);
    assertThat(outputs.getFirst().name()).isEqualTo("predict");
    assertThat(outputs.getFirst().datatype()).isEqualTo(Datatype.FP32);
    return outputs.getFirst().asFloats();
  }

  @Override
  protected String platform() {
    return "xgboost";
  }

  @Override
  protected Datatype outputDatatype() {
    return Datatype.FP32;
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
  void readsOneInt64TensorPerDeclaredColumnAsADataFrame() throws Exception {
    float[] rows = TinyXgboostModel.rows(13, 3);
    List<Tensor> columns = new ArrayList<>();
    for (int column = 0; column < FEATURES; column++) {
      long[] values = new long[3];
      for (int row = 0; row < 3; row++) {
        values[row] = (long) rows[row * FEATURES + column];
      }
      columns.add(Tensor.ofLongs(COLUMNS.get(column), new long[] {3, 1}, values));
    }
    // The declared order decides the column order, not the order of the request.
    List<Tensor> shuffled = List.of(columns.get(2), columns.get(0), columns.get(3), columns.get(1));
    InferenceRequest request =
        new InferenceRequest("tiny", null, null, Map.of("content_type", "pd"), shuffled, List.of());

    try (LoadedModel model = runtime.load(declaring(DECLARED_COLUMNS))) {
      List<Tensor> outputs = model.infer(request);

      assertThat(outputs.getFirst().shape()).containsExactly(3, 1);
      assertThat(predictions(outputs)).containsExactly(TinyXgboostModel.expected(modelJson, rows));
    }
  }

  @Test
  void readsSeveralUndeclaredInputsAsColumnsInRequestOrder() throws Exception {
    float[] row = TinyXgboostModel.rows(14, 1);
    List<Tensor> columns = new ArrayList<>();
    for (int column = 0; column < FEATURES; column++) {
      columns.add(Tensor.ofInts("x" + column, new long[] {1, 1}, (int) row[column]));
    }
    try (LoadedModel model = runtime.load(undeclared())) {
      assertThat(predictions(model.infer(InferenceRequest.of("tiny", columns))))
          .containsExactly(TinyXgboostModel.expected(modelJson, row));
    }
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
