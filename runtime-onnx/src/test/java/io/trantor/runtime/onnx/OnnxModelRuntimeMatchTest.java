package io.trantor.runtime.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.runtime.api.ArtifactMatch;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelRuntime;
import io.trantor.runtime.onnx.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelRuntimeMatchTest {
  private final OnnxModelRuntime runtime = new OnnxModelRuntime();
  @TempDir Path dir;

  private static ModelArtifact artifact(Path dir, Path uri, String implementation, String platform) {
    return new ModelArtifact("m", "1", dir, uri, implementation, platform, 0, List.of(), List.of(), Map.of(), null);
  }

  @Test
  void isFoundByServiceLoaderWithItsNameAndCapability() {
    List<ModelRuntime> found =
        ServiceLoader.load(ModelRuntime.class).stream().map(ServiceLoader.Provider::get).toList();
    assertThat(found).anySatisfy(r -> {
      assertThat(r).isInstanceOf(OnnxModelRuntime.class);
      assertThat(r.name()).isEqualTo("onnx");
      assertThat(r.capabilities()).containsExactly("onnx");
    });
  }

  @Test
  void claimsMlserverImplementationOnnxInAnyCase() {
    assertThat(runtime.match(artifact(dir, null, "ONNX", null))).isEqualTo(ArtifactMatch.DECLARED);
  }

  @Test
  void claimsTritonPlatformsAndBackend() {
    for (String platform : List.of("onnxruntime_onnx", "onnx", "onnxruntime")) {
      assertThat(runtime.match(artifact(dir, null, null, platform))).as(platform).isEqualTo(ArtifactMatch.DECLARED);
    }
  }

  @Test
  void guessesFromModelOnnxWhenNothingIsDeclared() throws IOException {
    Files.write(dir.resolve("model.onnx"), TinyModels.sumAndDifferenceBytes());
    assertThat(runtime.match(artifact(dir, null, null, null))).isEqualTo(ArtifactMatch.ARTIFACT_FILE);
  }

  @Test
  void guessesFromTheOnlyOnnxFileWhateverItsName() throws IOException {
    Files.write(dir.resolve("classifier.onnx"), TinyModels.sumAndDifferenceBytes());
    assertThat(runtime.match(artifact(dir, null, null, null))).isEqualTo(ArtifactMatch.ARTIFACT_FILE);
  }

  @Test
  void guessesFromAUriNamingTheFile() throws IOException {
    Path file = Files.write(dir.resolve("weights.onnx"), TinyModels.sumAndDifferenceBytes());
    Files.write(dir.resolve("other.onnx"), TinyModels.sumAndDifferenceBytes());
    assertThat(runtime.match(artifact(dir, file, null, null))).isEqualTo(ArtifactMatch.ARTIFACT_FILE);
  }

  @Test
  void declinesTwoOnnxFilesWithoutModelOnnx() throws IOException {
    Files.write(dir.resolve("a.onnx"), TinyModels.sumAndDifferenceBytes());
    Files.write(dir.resolve("b.onnx"), TinyModels.sumAndDifferenceBytes());
    assertThat(runtime.match(artifact(dir, null, null, null))).isEqualTo(ArtifactMatch.NONE);
  }

  @Test
  void declinesAnOnnxFileWhenSettingsDeclareAnotherRuntime() throws IOException {
    Files.write(dir.resolve("model.onnx"), TinyModels.sumAndDifferenceBytes());
    assertThat(runtime.match(artifact(dir, null, "xgboost", null))).isEqualTo(ArtifactMatch.NONE);
    assertThat(runtime.match(artifact(dir, null, null, "python"))).isEqualTo(ArtifactMatch.NONE);
  }

  @Test
  void declinesAFolderWithoutOnnxFiles() throws IOException {
    Files.writeString(dir.resolve("model.json"), "{}");
    assertThat(runtime.match(artifact(dir, null, null, null))).isEqualTo(ArtifactMatch.NONE);
  }
}
