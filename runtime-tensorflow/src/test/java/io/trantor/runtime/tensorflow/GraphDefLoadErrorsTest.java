package io.trantor.runtime.tensorflow;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.api.repository.ModelFolder;
import io.trantor.runtime.api.repository.ModelFolderReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A GraphDef that does not fit its config.pbtxt fails to load with one line naming the problem. */
class GraphDefLoadErrorsTest {
  private static final Path SIMPLE_GRAPH = Path.of("../samples/seldon-mirror/triton/simple/1/model.graphdef");

  @TempDir Path repo;
  private final TensorflowModelRuntime runtime = new TensorflowModelRuntime();

  private ModelArtifact folder(String config, byte[] graph) throws IOException {
    Path dir = repo.resolve("simple");
    Files.createDirectories(dir.resolve("1"));
    Files.writeString(dir.resolve("config.pbtxt"), config);
    Files.write(dir.resolve("1/model.graphdef"), graph);
    ModelFolder folder = new ModelFolderReader().read(dir);
    return folder.versions().getFirst();
  }

  private static String config(String inputType, String outputName) {
    return """
        platform: "tensorflow_graphdef"
        max_batch_size: 8
        input [ { name: "INPUT0" data_type: %s dims: [ 16 ] }, { name: "INPUT1" data_type: TYPE_INT32 dims: [ 16 ] } ]
        output [ { name: "%s" data_type: TYPE_INT32 dims: [ 16 ] } ]
        """.formatted(inputType, outputName);
  }

  @Test
  void anOutputTheGraphDoesNotHaveIsNamed() throws Exception {
    ModelArtifact artifact = folder(config("TYPE_INT32", "SUM"), Files.readAllBytes(SIMPLE_GRAPH));

    assertThatThrownBy(() -> runtime.load(artifact).close())
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("model 'simple': config.pbtxt declares output 'SUM' but the graph has no tensor SUM:0");
  }

  @Test
  void aDatatypeThatContradictsTheGraphIsNamed() throws Exception {
    ModelArtifact artifact = folder(config("TYPE_FP32", "OUTPUT0"), Files.readAllBytes(SIMPLE_GRAPH));

    assertThatThrownBy(() -> runtime.load(artifact).close())
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("model 'simple': config.pbtxt declares input 'INPUT0' as FP32 but the graph has INT32");
  }

  @Test
  void aFileThatIsNotAGraphDefIsReported() throws Exception {
    ModelArtifact artifact = folder(config("TYPE_INT32", "OUTPUT0"), "not a graph".getBytes());

    assertThatThrownBy(() -> runtime.load(artifact).close())
        .isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith("model 'simple': ")
        .hasMessageContaining("model.graphdef");
  }

  @Test
  void aGraphDefWithoutDeclaredOutputsIsRefused() throws Exception {
    ModelArtifact artifact = folder("""
        platform: "tensorflow_graphdef"
        input [ { name: "INPUT0" data_type: TYPE_INT32 dims: [ -1, 16 ] } ]
        """, Files.readAllBytes(SIMPLE_GRAPH));

    assertThatThrownBy(() -> runtime.load(artifact).close())
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("config.pbtxt declares no outputs");
  }
}
