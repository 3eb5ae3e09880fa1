package io.trantor.runtime.pytorch;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.api.repository.ModelFolderReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TorchScript model that cannot be served fails to load with one line saying why. */
class TorchScriptLoadErrorsTest {
  private static final String CONFIG = """
      platform: "pytorch_libtorch"
      max_batch_size: 4
      input [ { name: "x__0" data_type: TYPE_FP32 dims: [ 1, 28, 28 ] } ]
      output [ { name: "y__0" data_type: TYPE_FP32 dims: [ 10 ] } ]
      """;

  @TempDir Path repo;
  private final PytorchModelRuntime runtime = new PytorchModelRuntime();

  private ModelArtifact folder(String config, byte[] model) throws Exception {
    Path dir = repo.resolve("broken");
    Files.createDirectories(dir.resolve("1"));
    Files.writeString(dir.resolve("config.pbtxt"), config);
    Files.write(dir.resolve("1/model.pt"), model);
    return new ModelFolderReader().read(dir).versions().getFirst();
  }

  @Test
  void aFileThatIsNotTorchScriptIsReportedOnOneLine() throws Exception {
    ModelArtifact artifact = folder(CONFIG, "not a zip".getBytes());

    assertThatThrownBy(() -> runtime.load(artifact).close())
        .isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith("model 'broken': LibTorch cannot load the TorchScript file ")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aModelWithoutDeclaredTensorsIsRefused() throws Exception {
    ModelArtifact artifact = folder("platform: \"pytorch_libtorch\"\n",
        Files.readAllBytes(Path.of("../samples/seldon-mirror/scv2/samples/triton_23-03/mnist-pytorch/1/model.pt")));

    assertThatThrownBy(() -> runtime.load(artifact).close())
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("config.pbtxt declares no inputs");
  }

  @Test
  void indexedNamesWithAGapAreRefused() throws Exception {
    ModelArtifact artifact = folder(CONFIG.replace("x__0", "x__1"),
        Files.readAllBytes(Path.of("../samples/seldon-mirror/scv2/samples/triton_23-03/mnist-pytorch/1/model.pt")));

    assertThatThrownBy(() -> runtime.load(artifact).close())
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("model 'broken': config.pbtxt inputs [x__1] must be numbered __0 to __0 without gaps or repeats");
  }
}
