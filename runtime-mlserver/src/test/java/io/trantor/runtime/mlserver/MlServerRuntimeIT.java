package io.trantor.runtime.mlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.trantor.protocol.InferenceFailedException;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.api.repository.ModelFolder;
import io.trantor.runtime.api.repository.ModelFolderReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real MLServer (from the repository's .venv, or the {@code mlserver} on PATH) driven by the
 * runtime: Seldon's mirrored artifacts load, answer, unload, and survive an MLServer crash.
 */
class MlServerRuntimeIT {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Path MIRROR = ROOT.resolve("samples/seldon-mirror");

  @TempDir static Path work;
  private static MlServerRuntime runtime;

  @BeforeAll
  static void startMlServer() {
    Path executable = MlServerExecutable.find(System.getenv())
        .or(() -> Files.isExecutable(ROOT.resolve(".venv/bin/mlserver"))
            ? java.util.Optional.of(ROOT.resolve(".venv/bin/mlserver")) : java.util.Optional.empty())
        .orElseThrow(() -> new AssertionError(MlServerExecutable.missingMessage()));
    runtime = MlServerRuntime.start(MlServerOptions.of(executable, "127.0.0.1", work));
  }

  @AfterAll
  static void stopMlServer() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void servesSeldonsIrisUnderItsServedNameAndUnloadsIt() throws Exception {
    LoadedModel iris = runtime.load(artifact("iris_1", MIRROR.resolve("mlserver/iris"), Map.of()));
    try {
      assertThat(predict(iris, "iris_1")).isEqualTo(2L);
      assertThat(work.resolve("models/iris_1/1/model-settings.json")).content().contains("\"name\" : \"iris_1\"");
    } finally {
      iris.close();
    }
    assertThat(work.resolve("models/iris_1")).doesNotExist();
    assertThat(runtime.client().modelReady("iris_1")).isFalse();
  }

  @Test
  void passesTheModelParametersToACustomRuntime() throws Exception {
    LoadedModel choice = runtime.load(
        artifact("choice-is-one_1", MIRROR.resolve("scv2/examples/pandasquery"), Map.of("query", "choice == 1")));
    try {
      List<Tensor> matched = choice.infer(InferenceRequest.of("choice-is-one_1", List.of(
          Tensor.ofInts("choice", new long[] {1}, 1))));
      assertThat(matched).extracting(Tensor::name).contains("choice", "status");
      List<Tensor> unmatched = choice.infer(InferenceRequest.of("choice-is-one_1", List.of(
          Tensor.ofInts("choice", new long[] {1}, 2))));
      assertThat(unmatched).extracting(Tensor::name).containsExactly("status");
    } finally {
      choice.close();
    }
  }

  @Test
  void aFailedLoadSaysWhyAndLeavesNoFolder() {
    assertThatThrownBy(() -> runtime.load(artifact("choice-is-none_1", MIRROR.resolve("scv2/examples/pandasquery"), Map.of())))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("choice-is-none_1");
    assertThat(work.resolve("models/choice-is-none_1")).doesNotExist();
  }

  @Test
  void aModelErrorNamesTheModelAndCarriesMlServersReason() throws Exception {
    LoadedModel iris = runtime.load(artifact("iris_7", MIRROR.resolve("mlserver/iris"), Map.of()));
    try {
      assertThatThrownBy(() -> iris.infer(InferenceRequest.of("iris_7", List.of(
          Tensor.ofFloats("input", new long[] {1, 3}, 1, 2, 3)))))
          .isInstanceOf(InferenceFailedException.class)
          .hasMessageContaining("model 'iris_7'")
          .hasMessageContaining("expecting 4 features");
    } finally {
      iris.close();
    }
  }

  @Test
  void restartsACrashedMlServerAndReloadsTheModelOnTheNextRequest() throws Exception {
    LoadedModel iris = runtime.load(artifact("iris_2", MIRROR.resolve("mlserver/iris"), Map.of()));
    try {
      assertThat(predict(iris, "iris_2")).isEqualTo(2L);
      ProcessHandle mlserver = ProcessHandle.current().children()
          .filter(p -> p.info().commandLine().orElse("").contains("mlserver_launcher.py"))
          .findFirst().orElseThrow();
      List<ProcessHandle> workers = mlserver.descendants().toList();
      assertThat(workers).as("MLServer's parallel worker").isNotEmpty();
      mlserver.destroyForcibly();
      await().atMost(Duration.ofSeconds(30)).until(() -> !mlserver.isAlive());
      await().atMost(Duration.ofSeconds(30)).until(() -> workers.stream().noneMatch(ProcessHandle::isAlive));

      assertThat(predict(iris, "iris_2")).isEqualTo(2L);
    } finally {
      iris.close();
    }
  }

  private static long predict(LoadedModel model, String name) {
    List<Tensor> outputs = model.infer(InferenceRequest.of(name, List.of(
        Tensor.ofFloats("predict", new long[] {1, 4}, 1, 2, 3, 4))));
    Tensor predict = outputs.stream().filter(t -> t.name().equals("predict")).findFirst().orElseThrow();
    return predict.asLongs()[0];
  }

  private static ModelArtifact artifact(String servedName, Path folder, Map<String, Object> parameters) {
    ModelFolder read = new ModelFolderReader().read(folder);
    assertThat(read.problems()).isEmpty();
    ModelArtifact a = read.versions().getLast();
    Map<String, Object> merged = new java.util.HashMap<>(a.parameters());
    merged.putAll(parameters);
    return new ModelArtifact(servedName, "1", a.directory(), a.uri(), a.implementation(), a.platform(),
        a.maxBatchSize(), a.declaredInputs(), a.declaredOutputs(), merged, a.source());
  }
}
