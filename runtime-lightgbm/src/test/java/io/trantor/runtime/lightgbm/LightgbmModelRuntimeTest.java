package io.trantor.runtime.lightgbm;

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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LightgbmModelRuntimeTest extends TabularModelRuntimeContract<double[]> {
  @TempDir Path folder;
  private final LightgbmModelRuntime runtime = new LightgbmModelRuntime();
  private Path modelTxt;

  @BeforeEach
  void trainModel() throws Exception {
    TinyLightgbmModel.trainBinary(folder, "model.txt");
    modelTxt = folder.resolve("model.txt");
  }

  @Override
  protected ModelRuntime runtime() {
    return runtime;
  }

  @Override
  protected ModelArtifact undeclared() {
    return TinyLightgbmModel.artifact(folder, null, null, List.of());
  }

  @Override
  protected ModelArtifact declaring(List<TensorMetadata> inputs) {
    return TinyLightgbmModel.artifact(folder, modelTxt, "lightgbm", inputs);
  }

  @Override
  protected double[] rows(long seed, int count) {
    return TinyLightgbmModel.rows(seed, count);
  }

  @Override
  protected double[] expected(double[] rows) throws Exception {
    return TinyLightgbmModel.expected(modelTxt, rows);
  }

  @Override
  protected InferenceRequest matrixRequest(double[] rows) {
    float[] floats = new float[rows.length];
    for (int i = 0; i < rows.length; i++) {
      floats[i] = (float) rows[i];
    }
    long[] shape = {rows.length / FEATURES, FEATURES};
    return InferenceRequest.of("tiny", List.of(Tensor.ofFloats("input-0", shape, floats)));
  }

  @Override
  protected double[] predictions(List<Tensor> outputs) {
    assertThat(outputs).hasSize(1);
    assertThat(outputs.getFirst().name()).isEqualTo("predict");
    assertThat(outputs.getFirst().datatype()).isEqualTo(Datatype.FP64);
    return outputs.getFirst().asDoubles();
  }

  @Override
  protected String platform() {
    return "lightgbm";
  }

  @Override
  protected Datatype outputDatatype() {
    return Datatype.FP64;
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
  void readsOneInt64TensorPerDeclaredColumnAsADataFrame() throws Exception {
    double[] rows = TinyLightgbmModel.rows(13, 3);
    List<Tensor> columns = new ArrayList<>();
    for (int column = 0; column < FEATURES; column++) {
      long[] values = new long[3];
      for (int row = 0; row < 3; row++) {
        values[row] = (long) rows[row * FEATURES + column];
      }
      columns.add(Tensor.ofLongs(COLUMNS.get(column), new long[] {3, 1}, values));
    }
    // The declared order decides the column order, not the order of the request.
    List<Tensor> shuffled = List.of(columns.get(3), columns.get(1), columns.get(0), columns.get(2));
    InferenceRequest request =
        new InferenceRequest("tiny", null, null, Map.of("content_type", "pd"), shuffled, List.of());

    try (LoadedModel model = runtime.load(declaring(DECLARED_COLUMNS))) {
      assertThat(model.signature().inputs()).isEqualTo(DECLARED_COLUMNS);
      List<Tensor> outputs = model.infer(request);

      assertThat(outputs.getFirst().shape()).containsExactly(3, 1);
      assertThat(predictions(outputs)).containsExactly(TinyLightgbmModel.expected(modelTxt, rows));
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
