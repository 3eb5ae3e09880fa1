package io.trantor.agent.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.agent.testing.ModelFolders;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.repository.ModelFolder;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServedFolderReaderTest {
  @TempDir Path root;
  ModelFolders folders;
  final ServedFolderReader reader = new ServedFolderReader();

  @BeforeEach
  void setUp() {
    folders = new ModelFolders(root);
  }

  private static ModelArtifact only(ModelFolder folder) {
    assertThat(folder.problems()).isEmpty();
    assertThat(folder.versions()).hasSize(1);
    return folder.versions().getFirst();
  }

  @Test
  void servesTheNewestTritonVersionWhateverThePolicySelects() {
    Path simple = folders.triton("simple", ModelFolders.SIMPLE_CONFIG.replace("all { }", "specific { versions: [1] }"), "1", "2");

    ModelArtifact served = only(reader.read("simple_4", simple, 0, "gs://b/simple"));

    assertThat(served.name()).isEqualTo("simple_4");
    assertThat(served.version()).isEqualTo("1");
    assertThat(served.directory()).isEqualTo(simple.resolve("2"));
    assertThat(served.declaredInputs()).hasSize(2);
  }

  @Test
  void picksTheMlServerVersionFolderOfTheArtifactVersion() {
    folders.mlServer("iris/1", "{\"name\": \"iris\", \"implementation\": \"fake\", \"parameters\": {\"uri\": \"./a.fake\"}}");
    folders.mlServer("iris/2", "{\"name\": \"iris\", \"implementation\": \"fake\", \"parameters\": {\"uri\": \"./b.fake\"}}");
    folders.bare("iris/1", "a.fake", "a");
    folders.bare("iris/2", "b.fake", "b");

    ModelArtifact served = only(reader.read("iris_9", root.resolve("iris"), 1, "s3://m/iris"));

    assertThat(served.name()).isEqualTo("iris_9");
    assertThat(served.uri()).isEqualTo(root.resolve("iris/1/a.fake"));
  }

  @Test
  void aRootModelSettingsWinsOverVersionFolders() {
    folders.mlServer("iris", "{\"name\": \"iris\", \"implementation\": \"fake\"}");
    folders.mlServer("iris/2", "{\"name\": \"other\", \"implementation\": \"fake\"}");

    assertThat(only(reader.read("iris_1", root.resolve("iris"), 2, "x")).directory()).isEqualTo(root.resolve("iris"));
  }

  @Test
  void namesAMissingArtifactVersion() {
    Path simple = folders.simple("1", "2");

    ModelFolder folder = reader.read("simple_1", simple, 3, "gs://b/simple");

    assertThat(folder.isServable()).isFalse();
    assertThat(folder.problems()).singleElement().asString()
        .contains("artifactVersion 3", "gs://b/simple", "[1, 2]");
  }
}
