package io.trantor.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trantor.agent.runtime.custom.JavaModelRuntime;
import io.trantor.agent.testing.FakeRuntime;
import io.trantor.agent.testing.ModelFolders;
import io.trantor.runtime.api.ArtifactMatch;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.api.ModelRuntime;
import io.trantor.runtime.api.RuntimeRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeRegistryTest {
  @TempDir Path dir;

  private ModelArtifact artifact(String implementation) {
    return new ModelArtifact("m", "1", dir, null, implementation, null, 0, List.of(), List.of(), Map.of(), null);
  }

  @Test
  void choosesTheRuntimeTheSettingsDeclareOverOneThatRecognisesAFile() throws Exception {
    FakeRuntime onnx = new FakeRuntime("onnx");
    FakeRuntime xgboost = new FakeRuntime("xgboost");
    ModelFolders.write(dir.resolve("model.onnx"), "x");
    RuntimeRegistry registry = new RuntimeRegistry(List.of(onnx, xgboost));

    assertThat(registry.choose(artifact(null))).isSameAs(onnx);
    assertThat(registry.choose(artifact("xgboost"))).isSameAs(xgboost);
  }

  @Test
  void refusesToGuessBetweenTwoRuntimesClaimingEqually() {
    ModelFolders.write(dir.resolve("model.onnx"), "x");
    ModelFolders.write(dir.resolve("model.lightgbm"), "x");
    RuntimeRegistry registry = new RuntimeRegistry(List.of(new FakeRuntime("onnx"), new FakeRuntime("lightgbm")));

    assertThatThrownBy(() -> registry.choose(artifact(null)))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("runtimes 'onnx' and 'lightgbm' claim model 'm' version 1 equally (ARTIFACT_FILE);"
            + " name the one to use in model-settings.json 'implementation' or config.pbtxt 'platform'/'backend'");
  }

  @Test
  void listsTheRuntimesPresentWhenNoneClaimsTheArtifact() {
    RuntimeRegistry registry = new RuntimeRegistry(List.of(new FakeRuntime("onnx"), new FakeRuntime("xgboost")));

    assertThatThrownBy(() -> registry.choose(artifact("sklearn")))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("no runtime can load model 'm' version 1 from " + dir
            + "; runtimes present: onnx [onnx], xgboost [xgboost]. Name one in model-settings.json"
            + " 'implementation' or config.pbtxt 'platform'/'backend', or add a file the runtime recognises");
  }

  @Test
  void reportsTheUnionOfCapabilities() {
    RuntimeRegistry registry = new RuntimeRegistry(List.of(new FakeRuntime("onnx"), new FakeRuntime("xgboost")));

    assertThat(registry.capabilities()).containsExactlyInAnyOrder("onnx", "xgboost");
  }

  @Test
  void discoversTheJavaRuntimeThroughServiceLoader() {
    try (RuntimeRegistry registry = RuntimeRegistry.discover()) {
      assertThat(registry.runtimes()).hasAtLeastOneElementOfType(JavaModelRuntime.class);
      assertThat(registry.capabilities()).contains("java");
    }
  }

  @Test
  void closesEveryRuntimeEvenWhenOneFails() {
    List<String> closed = new ArrayList<>();
    ModelRuntime failing = new FakeRuntimeClosing("a", closed, true);
    ModelRuntime fine = new FakeRuntimeClosing("b", closed, false);

    new RuntimeRegistry(List.of(fine, failing)).close();

    assertThat(closed).containsExactly("a", "b");
  }

  /** Records its close; optionally fails it. */
  private record FakeRuntimeClosing(String name, List<String> closed, boolean fail) implements ModelRuntime {
    @Override
    public Set<String> capabilities() {
      return Set.of();
    }

    @Override
    public ArtifactMatch match(ModelArtifact artifact) {
      return ArtifactMatch.NONE;
    }

    @Override
    public LoadedModel load(ModelArtifact artifact) {
      throw new AssertionError("not used");
    }

    @Override
    public void close() {
      closed.add(name);
      if (fail) {
        throw new IllegalStateException("cannot close " + name);
      }
    }
  }
}
