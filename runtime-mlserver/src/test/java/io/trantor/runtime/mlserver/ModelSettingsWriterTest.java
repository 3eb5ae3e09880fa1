package io.trantor.runtime.mlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSettingsWriterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void rewritesNameVersionAndMergesParametersIntoExtraKeepingTheRest() throws Exception {
    Path artifactDir = Files.createDirectories(tmp.resolve("artifact"));
    Files.writeString(artifactDir.resolve("model-settings.json"), """
        {"name": "iris", "implementation": "mlserver_sklearn.SKLearnModel", "max_batch_size": 4,
         "parameters": {"uri": "./model.joblib", "version": "v0.1.0", "extra": {"predict_fn": "transform"}}}
        """);
    Files.writeString(artifactDir.resolve("model.joblib"), "pickle");
    ModelArtifact artifact = artifact("iris_3", artifactDir, artifactDir.resolve("model-settings.json"),
        Map.of("predict_fn", "transform", "query", "choice == 1"));

    new ModelSettingsWriter(tmp.resolve("repo")).write(artifact);

    Path written = tmp.resolve("repo/iris_3/1");
    JsonNode settings = MAPPER.readTree(written.resolve("model-settings.json").toFile());
    assertThat(settings.path("name").asText()).isEqualTo("iris_3");
    assertThat(settings.path("implementation").asText()).isEqualTo("mlserver_sklearn.SKLearnModel");
    assertThat(settings.path("max_batch_size").asInt()).isEqualTo(4);
    assertThat(settings.path("parameters").path("version").asText()).isEqualTo("1");
    assertThat(settings.path("parameters").path("uri").asText()).isEqualTo("./model.joblib");
    assertThat(settings.path("parameters").path("extra").path("query").asText()).isEqualTo("choice == 1");
    assertThat(settings.path("parameters").path("extra").path("predict_fn").asText()).isEqualTo("transform");
    assertThat(Files.readString(written.resolve("model.joblib"))).isEqualTo("pickle");
    assertThat(Files.readString(artifactDir.resolve("model-settings.json"))).contains("\"name\": \"iris\"");
  }

  @Test
  void anExplainersTypeAndInferUriGoIntoExtra() throws Exception {
    Path artifactDir = Files.createDirectories(tmp.resolve("explainer"));
    Files.writeString(artifactDir.resolve("model-settings.json"), """
        {"name": "income-explainer", "implementation": "mlserver_alibi_explain.AlibiExplainRuntime",
         "parameters": {"uri": "./data"}}
        """);
    ModelArtifact artifact = artifact("income-explainer_1", artifactDir, artifactDir.resolve("model-settings.json"),
        Map.of("explainer_type", "anchor_tabular", "infer_uri", "http://127.0.0.1:9000/v2/models/income/infer"));

    new ModelSettingsWriter(tmp.resolve("repo")).write(artifact);

    JsonNode extra = MAPPER.readTree(tmp.resolve("repo/income-explainer_1/1/model-settings.json").toFile())
        .path("parameters").path("extra");
    assertThat(extra.path("explainer_type").asText()).isEqualTo("anchor_tabular");
    assertThat(extra.path("infer_uri").asText()).isEqualTo("http://127.0.0.1:9000/v2/models/income/infer");
  }

  @Test
  void choosesTheRuntimeFromTheFilesWhenThereAreNoSettings() throws Exception {
    assertThat(generated("model.joblib", "x").path("implementation").asText()).isEqualTo(MlServerImplementation.SKLEARN);
    assertThat(generated("model.json", "{}").path("implementation").asText()).isEqualTo(MlServerImplementation.XGBOOST);
    assertThat(generated("model.bst", "\u0001binary").path("implementation").asText())
        .isEqualTo(MlServerImplementation.XGBOOST);
    JsonNode lightgbm = generated("model.bst", "tree\nversion=v4\n");
    assertThat(lightgbm.path("implementation").asText()).isEqualTo(MlServerImplementation.LIGHTGBM);
    assertThat(lightgbm.path("parameters").path("uri").asText()).isEqualTo("./model.bst");
    assertThat(generated("MLmodel", "flavors: {}").path("implementation").asText())
        .isEqualTo(MlServerImplementation.MLFLOW);
  }

  @Test
  void mapsTrantorShortImplementationNamesToMlServerRuntimes() throws Exception {
    Path artifactDir = Files.createDirectories(tmp.resolve("short"));
    Files.writeString(artifactDir.resolve("model-settings.json"),
        "{\"name\": \"income-xgb\", \"implementation\": \"xgboost\", \"parameters\": {\"uri\": \"./model.json\"}}");
    new ModelSettingsWriter(tmp.resolve("repo")).write(
        artifact("income-xgb_1", artifactDir, artifactDir.resolve("model-settings.json"), Map.of()));
    JsonNode settings = MAPPER.readTree(tmp.resolve("repo/income-xgb_1/1/model-settings.json").toFile());
    assertThat(settings.path("implementation").asText()).isEqualTo(MlServerImplementation.XGBOOST);
  }

  @Test
  void refusesWhatMlServerCannotServeNamingTheModel() throws Exception {
    Path onnx = Files.createDirectories(tmp.resolve("onnx"));
    Files.writeString(onnx.resolve("model-settings.json"), "{\"name\": \"iris\", \"implementation\": \"onnx\"}");
    ModelSettingsWriter writer = new ModelSettingsWriter(tmp.resolve("repo"));
    assertThatThrownBy(() -> writer.write(artifact("iris_1", onnx, onnx.resolve("model-settings.json"), Map.of())))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("no runtime for implementation 'onnx' of model iris_1");

    Path empty = Files.createDirectories(tmp.resolve("readme-only"));
    Files.writeString(empty.resolve("README"), "nothing to serve");
    assertThatThrownBy(() -> writer.write(artifact("x_1", empty, null, Map.of())))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("no model-settings.json in " + empty);
  }

  @Test
  void removingDeletesTheServedFolder() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("bare"));
    Files.writeString(folder.resolve("model.joblib"), "x");
    ModelSettingsWriter writer = new ModelSettingsWriter(tmp.resolve("repo"));
    writer.write(artifact("iris_1", folder, null, Map.of()));
    writer.remove("iris_1");
    assertThat(tmp.resolve("repo/iris_1")).doesNotExist();
    assertThat(folder.resolve("model.joblib")).exists();
  }

  private JsonNode generated(String file, String content) throws IOException, ModelLoadException {
    Path folder = Files.createTempDirectory(tmp, "bare");
    Files.writeString(folder.resolve(file), content, StandardCharsets.ISO_8859_1);
    new ModelSettingsWriter(tmp.resolve("repo")).write(artifact("m_1", folder, null, Map.of()));
    return MAPPER.readTree(tmp.resolve("repo/m_1/1/model-settings.json").toFile());
  }

  private static ModelArtifact artifact(String name, Path dir, Path source, Map<String, Object> parameters) {
    String implementation = null;
    if (source != null) {
      try {
        implementation = MAPPER.readTree(source.toFile()).path("implementation").asText(null);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return new ModelArtifact(name, "1", dir, null, implementation, null, 0, List.of(), List.of(), parameters, source);
  }
}
