package io.trantor.agent.runtime.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trantor.agent.ModelRegistry;
import io.trantor.agent.repository.FileSystemModelRepository;
import io.trantor.agent.testing.ModelFolders;
import io.trantor.agent.testing.ModelJars;
import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceFailedException;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InferenceResponse;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.ArtifactMatch;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.api.RuntimeRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaModelRuntimeTest {
  private static final String SCALING = ScalingModel.class.getName();
  private static final List<TensorMetadata> INPUTS = List.of(TensorMetadata.of("INPUT", Datatype.FP32, -1));
  private static final List<TensorMetadata> OUTPUTS = List.of(TensorMetadata.of("OUTPUT", Datatype.FP32, -1));

  @TempDir Path dir;
  final JavaModelRuntime runtime = new JavaModelRuntime();

  private ModelArtifact artifact(String implementation, Map<String, Object> parameters) {
    return new ModelArtifact("scale", "1", dir, null, implementation, null, 0, INPUTS, OUTPUTS, parameters, null);
  }

  private static InferenceRequest request(float... values) {
    return InferenceRequest.of("scale", List.of(Tensor.ofFloats("INPUT", new long[] {values.length}, values)));
  }

  @Test
  void claimsAJarHoldingTheNamedImplementation() {
    ModelJars.write(dir.resolve("model.jar"), ScalingModel.class);

    assertThat(runtime.match(artifact(SCALING, Map.of()))).isEqualTo(ArtifactMatch.DECLARED);
    assertThat(runtime.match(artifact("com.example.Elsewhere", Map.of()))).isEqualTo(ArtifactMatch.NONE);
    assertThat(runtime.match(artifact(null, Map.of()))).as("no implementation, no service file").isEqualTo(ArtifactMatch.NONE);
  }

  @Test
  void claimsAJarRegisteringAModelService() {
    ModelJars.writeWithService(dir.resolve("model.jar"), ScalingModel.class, ScalingModel.class);

    assertThat(runtime.match(artifact(null, Map.of()))).isEqualTo(ArtifactMatch.DECLARED);
  }

  @Test
  void leavesAFolderWithoutJarsToOtherRuntimes() {
    ModelFolders.write(dir.resolve("model.onnx"), "x");

    assertThat(runtime.match(artifact(SCALING, Map.of()))).isEqualTo(ArtifactMatch.NONE);
  }

  @Test
  void loadsTheImplementationWithItsParametersAndRunsIt() throws Exception {
    ModelJars.write(dir.resolve("model.jar"), ScalingModel.class);

    try (LoadedModel model = runtime.load(artifact(SCALING, Map.of("factor", 3L)))) {
      assertThat(model.signature().platform()).isEqualTo("java");
      assertThat(model.signature().inputs()).isEqualTo(INPUTS);
      assertThat(model.infer(request(1, 2)).getFirst().asFloats()).containsExactly(3f, 6f);
    }
  }

  @Test
  void findsTheModelThroughTheJarsServiceFile() throws Exception {
    ModelJars.writeWithService(dir.resolve("model.jar"), ScalingModel.class, ScalingModel.class);

    try (LoadedModel model = runtime.load(artifact(null, Map.of()))) {
      assertThat(model.infer(request(5)).getFirst().asFloats()).containsExactly(10f);
    }
  }

  @Test
  void unloadsTheModelOnClose() throws Exception {
    ModelJars.write(dir.resolve("model.jar"), ScalingModel.class);
    LoadedModel model = runtime.load(artifact(SCALING, Map.of()));
    assertThat(dir.resolve("unloaded")).doesNotExist();

    model.close();

    assertThat(dir.resolve("unloaded")).hasContent("yes");
  }

  @Test
  void reportsAnImplementationMissingFromTheJars() {
    ModelJars.write(dir.resolve("model.jar"), ScalingModel.class);

    assertThatThrownBy(() -> runtime.load(artifact("com.example.Missing", Map.of())))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("model 'scale': class 'com.example.Missing' named by 'implementation' is not in the jars of " + dir);
  }

  @Test
  void reportsAnImplementationThatIsNotAModel() {
    ModelJars.write(dir.resolve("model.jar"), ModelFolders.class);

    assertThatThrownBy(() -> runtime.load(artifact(ModelFolders.class.getName(), Map.of())))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("model 'scale': class '" + ModelFolders.class.getName()
            + "' does not implement io.trantor.agent.sdk.Model");
  }

  @Test
  void reportsAFailingLoadWithTheModelsOwnMessage() {
    ModelJars.write(dir.resolve("model.jar"), ScalingModel.class);

    assertThatThrownBy(() -> runtime.load(artifact(SCALING, Map.of("fail", true))))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("model 'scale': " + SCALING + ".load failed: parameter 'factor' is unusable");
  }

  @Test
  void servesACustomModelFromAModelSettingsFolder() throws Exception {
    Path root = dir.resolve("repo");
    new ModelFolders(root).mlServer("scale", """
        {"name": "scale", "implementation": "%s",
         "parameters": {"version": "4", "extra": {"factor": 10}},
         "inputs": [{"name": "INPUT", "datatype": "FP32", "shape": [-1]}],
         "outputs": [{"name": "OUTPUT", "datatype": "FP32", "shape": [-1]}]}
        """.formatted(SCALING));
    ModelJars.write(root.resolve("scale/scale.jar"), ScalingModel.class);

    try (RuntimeRegistry runtimes = RuntimeRegistry.discover();
        ModelRegistry registry = new ModelRegistry(new FileSystemModelRepository(root), runtimes)) {
      registry.loadAll();

      InferenceResponse response = registry.infer(request(1, 2, 3));
      assertThat(response.modelVersion()).isEqualTo("4");
      assertThat(response.output("OUTPUT").asFloats()).containsExactly(10f, 20f, 30f);
      assertThatThrownBy(() -> registry.infer(request(-1)))
          .isInstanceOf(InferenceFailedException.class)
          .hasMessage("model 'scale' failed: negative input");

      registry.unload("scale");
      assertThat(root.resolve("scale/unloaded")).exists();
      assertThat(Files.exists(root.resolve("scale/scale.jar"))).isTrue();
    }
  }
}
