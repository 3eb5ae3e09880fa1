package io.trantor.runtime.api.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.runtime.api.ArtifactMatch;
import io.trantor.runtime.api.ModelArtifact;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeclaredOrWellKnownFileTest {
  private static final Path FOLDER = Path.of("models/tiny");
  private static final DeclaredOrWellKnownFile WITH_FILE =
      new DeclaredOrWellKnownFile(Set.of("trees", "mlserver_trees.TreesModel"), a -> Optional.of(FOLDER.resolve("model.t")));
  private static final DeclaredOrWellKnownFile WITHOUT_FILE =
      new DeclaredOrWellKnownFile(Set.of("trees"), a -> Optional.empty());

  private static ModelArtifact artifact(String implementation, String platform) {
    return new ModelArtifact("tiny", "1", FOLDER, null, implementation, platform, 0, List.of(), List.of(), Map.of(), null);
  }

  @Test
  void claimsArtifactsThatDeclareOneOfItsNamesIgnoringCase() {
    assertThat(WITHOUT_FILE.match(artifact("trees", null))).isEqualTo(ArtifactMatch.DECLARED);
    assertThat(WITHOUT_FILE.match(artifact("Trees", null))).isEqualTo(ArtifactMatch.DECLARED);
    assertThat(WITH_FILE.match(artifact("mlserver_trees.treesmodel", null))).isEqualTo(ArtifactMatch.DECLARED);
    assertThat(WITH_FILE.match(artifact("MLSERVER_TREES.TREESMODEL", null))).isEqualTo(ArtifactMatch.DECLARED);
    assertThat(WITHOUT_FILE.match(artifact(null, "TREES"))).isEqualTo(ArtifactMatch.DECLARED);
    assertThat(WITHOUT_FILE.match(artifact("mlserver_sklearn.SKLearnModel", "trees"))).isEqualTo(ArtifactMatch.DECLARED);
  }

  @Test
  void leavesArtifactsThatDeclareAnythingElseEvenWithItsFile() {
    assertThat(WITH_FILE.match(artifact("mlserver_sklearn.SKLearnModel", null))).isEqualTo(ArtifactMatch.NONE);
    assertThat(WITH_FILE.match(artifact(null, "onnxruntime_onnx"))).isEqualTo(ArtifactMatch.NONE);
  }

  @Test
  void claimsUndeclaredArtifactsByTheirWellKnownFile() {
    assertThat(WITH_FILE.match(artifact(null, null))).isEqualTo(ArtifactMatch.ARTIFACT_FILE);
    assertThat(WITHOUT_FILE.match(artifact(null, null))).isEqualTo(ArtifactMatch.NONE);
  }
}
