package io.trantor.runtime.python;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.runtime.api.ArtifactMatch;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelRuntime;
import io.trantor.runtime.api.RuntimeRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which artifacts the python runtime claims, and what it gives a server. */
class PythonModelRuntimeTest {
  private static final String TRITON_MODEL = """
      import triton_python_backend_utils as pb_utils

      class TritonPythonModel:
          def execute(self, requests):
              return []
      """;

  @TempDir Path repo;
  private final PythonModelRuntime runtime = PythonModels.runtime();

  private ModelArtifact artifact(Path dir, String implementation, String platform) {
    return new ModelArtifact("m", "1", dir, null, implementation, platform, 0, List.of(), List.of(), Map.of(), null);
  }

  @Test
  void claimsBackendPythonAndABareTritonModelPyOnly() {
    Path triton = PythonModels.write(repo.resolve("triton/1/model.py"), TRITON_MODEL).getParent();
    Path mlserver = PythonModels.write(repo.resolve("mlserver/model.py"), "class MyModel(MLModel):\n    pass\n").getParent();

    assertThat(runtime.match(artifact(triton, null, "python"))).isEqualTo(ArtifactMatch.DECLARED);
    assertThat(runtime.match(artifact(triton, null, " Python "))).isEqualTo(ArtifactMatch.DECLARED);
    assertThat(runtime.match(artifact(triton, null, null))).isEqualTo(ArtifactMatch.ARTIFACT_FILE);
    assertThat(runtime.match(artifact(triton, null, "onnxruntime_onnx"))).isEqualTo(ArtifactMatch.NONE);
    assertThat(runtime.match(artifact(triton, "model.MyModel", null))).isEqualTo(ArtifactMatch.NONE);
    assertThat(runtime.match(artifact(mlserver, null, null))).isEqualTo(ArtifactMatch.NONE);
  }

  @Test
  void isDiscoveredAndAdvertisesTritonAndPython() {
    try (RuntimeRegistry registry = RuntimeRegistry.discover()) {
      assertThat(registry.runtimes()).extracting(ModelRuntime::name).contains("python", "onnx");
      assertThat(registry.capabilities()).contains("triton", "python", "onnx");
    }
  }

  @Test
  void theRegistryPicksPythonForTheMirrorsAdd10AndOnnxForTheOnnxAdd10() throws Exception {
    try (RuntimeRegistry registry = RuntimeRegistry.discover()) {
      ModelArtifact pythonAdd10 = PythonModels.read(PythonModels.MIRROR.resolve("scv2/samples/triton_23-03/add10"));
      ModelArtifact onnxAdd10 = PythonModels.read(Path.of("../samples/models/add10"));

      assertThat(registry.choose(pythonAdd10).name()).isEqualTo("python");
      assertThat(registry.choose(onnxAdd10).name()).isEqualTo("onnx");
    }
  }
}
