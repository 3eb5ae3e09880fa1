package io.trantor.agent.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.agent.testing.ModelFolders;
import io.trantor.protocol.Datatype;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.repository.ModelFolder;
import io.trantor.runtime.api.repository.VersionOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemModelRepositoryTest {
  @TempDir Path root;
  ModelFolders folders;
  FileSystemModelRepository repository;

  @BeforeEach
  void setUp() {
    folders = new ModelFolders(root);
    repository = new FileSystemModelRepository(root);
  }

  private ModelFolder only(String name) {
    return repository.find(name).orElseThrow(() -> new AssertionError("no model " + name));
  }

  // ---- MLServer layout ----

  @Test
  void readsEveryFieldOfMlServerSettings() throws IOException {
    folders.mlServer("income", """
        {
          "name": "income",
          "implementation": "mlserver_xgboost.XGBoostModel",
          "platform": "xgboost",
          "max_batch_size": 4,
          "parameters": {
            "uri": "./model.bst",
            "version": "v2",
            "extra": {"predict_fn": "predict_proba", "depth": 3, "ratio": 0.5, "on": true,
                      "nested": {"a": [1, "b"]}, "gone": null}
          },
          "inputs": [{"name": "Age", "datatype": "INT64", "shape": [-1, 1],
                      "parameters": {"content_type": "np"}}],
          "outputs": [{"name": "predict", "datatype": "fp32", "shape": [-1, 1]}]
        }
        """);
    Files.writeString(root.resolve("income/model.bst"), "x");

    ModelFolder folder = only("income");

    assertThat(folder.problems()).isEmpty();
    assertThat(folder.isServable()).isTrue();
    ModelArtifact artifact = folder.versions().getFirst();
    assertThat(artifact.name()).isEqualTo("income");
    assertThat(artifact.version()).isEqualTo("v2");
    assertThat(artifact.implementation()).isEqualTo("mlserver_xgboost.XGBoostModel");
    assertThat(artifact.platform()).isEqualTo("xgboost");
    assertThat(artifact.directory()).isEqualTo(root.resolve("income"));
    assertThat(artifact.uri()).isEqualTo(root.resolve("income/model.bst"));
    assertThat(artifact.source()).isEqualTo(root.resolve("income/model-settings.json"));
    assertThat(artifact.parameters()).isEqualTo(Map.of(
        "predict_fn", "predict_proba", "depth", 3L, "ratio", 0.5, "on", true,
        "nested", Map.of("a", List.of(1L, "b"))));
    assertThat(artifact.declaredInputs()).containsExactly(
        new TensorMetadata("Age", Datatype.INT64, new long[] {-1, 1}, Map.of("content_type", "np")));
    assertThat(artifact.declaredOutputs()).containsExactly(TensorMetadata.of("predict", Datatype.FP32, -1, 1));
  }

  @Test
  void namesMlServerModelAfterItsFolderAndVersionOneWhenSettingsSayNothing() {
    folders.mlServer("iris", "{}");

    ModelArtifact artifact = only("iris").versions().getFirst();

    assertThat(artifact.name()).isEqualTo("iris");
    assertThat(artifact.version()).isEqualTo("1");
    assertThat(artifact.uri()).isNull();
    assertThat(artifact.declaredInputs()).isEmpty();
  }

  @Test
  void letsTheSettingsNameWinOverTheFolderName() {
    folders.mlServer("iris-folder", "{\"name\": \"iris\"}");

    assertThat(repository.find("iris")).get().extracting(ModelFolder::path).isEqualTo(root.resolve("iris-folder"));
    assertThat(repository.find("iris-folder")).isEmpty();
    assertThat(repository.list()).extracting(ModelFolder::name).containsExactly("iris");
  }

  @Test
  void reportsEveryProblemOfMlServerSettingsWithTheFileAndField() {
    folders.mlServer("broken", """
        {"parameters": {"uri": "missing.bst", "version": [1]},
         "inputs": [{"name": "a", "datatype": "FLOAT", "shape": [1]},
                    {"datatype": "FP32", "shape": "4"}]}
        """);
    Path file = root.resolve("broken/model-settings.json");

    ModelFolder folder = only("broken");

    assertThat(folder.isServable()).isFalse();
    assertThat(folder.versions()).isEmpty();
    assertThat(folder.problems()).containsExactly(
        file + ": parameters.uri 'missing.bst' does not exist in " + root.resolve("broken"),
        file + ": parameters.version must be a string, e.g. \"1\"",
        file + ": inputs[0].datatype 'FLOAT' is not a datatype (one of BOOL, UINT8, UINT16, UINT32,"
            + " UINT64, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BYTES)",
        file + ": inputs[1].name is missing",
        file + ": inputs[1].shape must be an array of integers, e.g. [-1, 4]");
  }

  @Test
  void reportsInvalidJsonWithItsLine() {
    folders.mlServer("broken", "{\n  \"name\": \"broken\",\n  oops\n}");

    ModelFolder folder = only("broken");

    assertThat(folder.problems()).singleElement().asString()
        .startsWith(root.resolve("broken/model-settings.json") + ": not valid JSON: ")
        .contains("line 3");
  }

  // ---- Triton layout ----

  /** A real-world config: fields Trantor does not model must not stop it from parsing. */
  static final String REAL_WORLD_CONFIG = """
      name: "classifier"
      platform: "pytorch_libtorch"
      max_batch_size: 512
      input [
        {
          name: "x__0"
          data_type: TYPE_FP32
          format: FORMAT_NCHW
          dims: [ 1, 28, 28 ]
          reshape: { shape: [ 1, 784 ] }
        }
      ]
      output [
        {
          name: "y__0"
          data_type: TYPE_FP32
          dims: [ 10 ]
          label_filename: "labels.txt"
        },
        { name: "names", data_type: TYPE_STRING, dims: [ -1 ] }
      ]
      instance_group [ { count: 2 kind: KIND_GPU gpus: [ 0, 1 ] } ]
      dynamic_batching {
        preferred_batch_size: [ 4, 8 ]
        max_queue_delay_microseconds: 100
      }
      optimization { execution_accelerators {
        gpu_execution_accelerator : [ { name : "tensorrt" parameters { key: "precision_mode" value: "FP16" } } ]
      }}
      model_warmup [{ name: "w" batch_size: 1 inputs { key: "x__0" value: { data_type: TYPE_FP32 dims: [1] zero_data: true } } }]
      parameters: { key: "EXECUTION_ENV_PATH" value: { string_value: "$$TRITON_MODEL_DIRECTORY/env.tar.gz" } }
      default_model_filename: "model.pt"
      """;

  @Test
  void readsARealWorldTritonConfigSkippingFieldsItDoesNotModel() {
    folders.triton("mnist", REAL_WORLD_CONFIG, "1");

    ModelFolder folder = only("mnist");

    assertThat(folder.problems()).isEmpty();
    ModelArtifact artifact = folder.versions().getFirst();
    assertThat(artifact.name()).as("the folder name wins in the Triton layout").isEqualTo("mnist");
    assertThat(artifact.version()).isEqualTo("1");
    assertThat(artifact.directory()).isEqualTo(root.resolve("mnist/1"));
    assertThat(artifact.uri()).isEqualTo(root.resolve("mnist/1/model.pt"));
    assertThat(artifact.platform()).isEqualTo("pytorch_libtorch");
    assertThat(artifact.maxBatchSize()).isEqualTo(512);
    assertThat(artifact.declaredInputs()).containsExactly(TensorMetadata.of("x__0", Datatype.FP32, -1, 1, 28, 28));
    assertThat(artifact.declaredOutputs()).containsExactly(
        TensorMetadata.of("y__0", Datatype.FP32, -1, 10), TensorMetadata.of("names", Datatype.BYTES, -1, -1));
    assertThat(artifact.parameters()).containsEntry("EXECUTION_ENV_PATH", "$$TRITON_MODEL_DIRECTORY/env.tar.gz");
    assertThat(artifact.source()).isEqualTo(root.resolve("mnist/config.pbtxt"));
  }

  @Test
  void takesTheBackendAsPlatformAndKeepsShapesAsDeclaredWithoutBatching() {
    folders.triton("add10", """
        backend: "python"
        input [{ name: "INPUT" data_type: TYPE_FP32 dims: [ 4 ] }]
        output [{ name: "OUTPUT" data_type: TYPE_FP32 dims: [ 4 ] }]
        """, "1");

    ModelArtifact artifact = only("add10").versions().getFirst();

    assertThat(artifact.platform()).isEqualTo("python");
    assertThat(artifact.maxBatchSize()).isZero();
    assertThat(artifact.uri()).isNull();
    assertThat(artifact.declaredInputs()).containsExactly(TensorMetadata.of("INPUT", Datatype.FP32, 4));
  }

  @Test
  void servesTheNewestVersionFolderByDefaultComparingNumerically() {
    folders.triton("m", "platform: \"fake\"", "1", "2", "10");

    assertThat(versions("m")).containsExactly("10");
  }

  @Test
  void servesTheLatestNVersionsInAscendingOrder() {
    folders.triton("m", "version_policy: { latest: { num_versions: 2 } }", "1", "2", "10");

    assertThat(versions("m")).containsExactly("2", "10");
  }

  @Test
  void servesAllVersionFolders() {
    folders.triton("m", "version_policy: { all: {} }", "10", "2", "1");

    assertThat(versions("m")).containsExactly("1", "2", "10");
  }

  @Test
  void servesSpecificVersions() {
    folders.triton("m", "version_policy: { specific: { versions: [10, 1] } }", "1", "2", "10");

    assertThat(versions("m")).containsExactly("1", "10");
  }

  @Test
  void reportsASpecificVersionWithoutAFolder() {
    folders.triton("m", "version_policy: { specific: { versions: [1, 5] } }", "1");

    assertThat(only("m").problems()).containsExactly(root.resolve("m/config.pbtxt")
        + ": version_policy.specific asks for version 5 but there is no folder " + root.resolve("m/5"));
  }

  @Test
  void autoConfiguresATritonFolderWithoutConfig() {
    folders.triton("cifar10", null, "1", "3");
    ModelFolder folder = only("cifar10");

    assertThat(folder.problems()).isEmpty();
    ModelArtifact artifact = folder.versions().getFirst();
    assertThat(artifact.version()).isEqualTo("3");
    assertThat(artifact.directory()).isEqualTo(root.resolve("cifar10/3"));
    assertThat(artifact.platform()).isNull();
    assertThat(artifact.declaredInputs()).isEmpty();
    assertThat(artifact.source()).isNull();
  }

  @Test
  void reportsATritonConfigThatDoesNotParseWithLineAndColumn() {
    folders.triton("m", "name: \"m\"\nmax_batch_size: lots\n", "1");

    assertThat(only("m").problems()).singleElement().asString()
        .startsWith(root.resolve("m/config.pbtxt") + ": not a valid model configuration: 2:")
        .contains("lots");
  }

  @Test
  void reportsTensorsWithoutDatatypeAndConfigsWithoutVersionFolders() {
    folders.triton("m", "input [{ name: \"INPUT\" dims: [ 4 ] }]\noutput [{ name: \"O\" data_type: TYPE_BF16 dims: [1] }]");
    Path config = root.resolve("m/config.pbtxt");

    assertThat(only("m").problems()).containsExactly(
        config + ": input[0] 'INPUT' has no data_type",
        config + ": output[0] 'O' has data_type TYPE_BF16, which the Open Inference Protocol cannot carry",
        config + ": no version folders (1/, 2/, ...) in " + root.resolve("m"));
  }

  // ---- bare folders and the repository as a whole ----

  @Test
  void servesABareFolderWithAModelFileAsVersionOne() {
    folders.bare("iris", "model.onnx", "bytes");

    ModelArtifact artifact = only("iris").versions().getFirst();

    assertThat(artifact.version()).isEqualTo("1");
    assertThat(artifact.directory()).isEqualTo(root.resolve("iris"));
    assertThat(artifact.implementation()).isNull();
    assertThat(artifact.platform()).isNull();
  }

  @Test
  void reportsAnEmptyFolder() throws IOException {
    Files.createDirectories(root.resolve("empty"));

    ModelFolder folder = only("empty");

    assertThat(folder.isServable()).isFalse();
    assertThat(folder.problems()).containsExactly(root.resolve("empty")
        + ": holds no model-settings.json, config.pbtxt, numeric version folder or model file");
  }

  @Test
  void listsModelsByNameIgnoringHiddenFoldersAndFiles() throws IOException {
    folders.bare("b", "model.onnx", "x");
    folders.mlServer("a", "{}");
    folders.bare(".cache", "model.onnx", "x");
    Files.writeString(root.resolve("stray.txt"), "not a model");

    assertThat(repository.list()).extracting(ModelFolder::name).containsExactly("a", "b");
    assertThat(repository.find(".cache")).isEmpty();
  }

  @Test
  void reportsTwoFoldersClaimingTheSameName() {
    folders.mlServer("iris", "{}");
    folders.mlServer("iris-copy", "{\"name\": \"iris\"}");

    List<ModelFolder> listed = repository.list();

    assertThat(listed).hasSize(2).allSatisfy(f -> assertThat(f.isServable()).isFalse());
    assertThat(listed.getFirst().problems()).containsExactly(
        root.resolve("iris") + ": model name 'iris' is also used by " + root.resolve("iris-copy"));
  }

  @Test
  void findSeesEditsMadeSinceTheLastRead() {
    folders.triton("m", "platform: \"fake\"", "1");
    assertThat(versions("m")).containsExactly("1");

    folders.triton("m", "version_policy: { all: {} }", "2");

    assertThat(versions("m")).containsExactly("1", "2");
  }

  @Test
  void findsNothingOutsideTheRoot() {
    folders.bare("iris", "model.onnx", "x");

    assertThat(repository.find("../" + root.getFileName() + "/iris")).isEmpty();
    assertThat(repository.find("..")).isEmpty();
    assertThat(repository.find("")).isEmpty();
    assertThat(repository.find("absent")).isEmpty();
  }

  @Test
  void treatsAMissingRootAsAnEmptyRepository() {
    assertThat(new FileSystemModelRepository(root.resolve("nope")).list()).isEmpty();
  }

  @Test
  void ordersVersionsNumericallyThenByText() {
    List<String> versions = new java.util.ArrayList<>(List.of("v2", "10", "2", "002", "v10", "1"));
    versions.sort(VersionOrder.INSTANCE);

    assertThat(versions).containsExactly("1", "2", "002", "10", "v10", "v2");
  }

  private List<String> versions(String model) {
    ModelFolder folder = only(model);
    assertThat(folder.problems()).isEmpty();
    return folder.versions().stream().map(ModelArtifact::version).toList();
  }
}
