package io.trantor.runtime.mlserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.repository.ModelFolderReader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sidecar mode: an MLServer started by someone else (as a Kubernetes sidecar container would be,
 * with model loading at start-up off) serves what the runtime writes into the shared repository,
 * and closing the runtime leaves that MLServer running.
 */
class MlServerSidecarIT {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @TempDir Path repository;

  @Test
  void loadsServesAndUnloadsThroughAnMlServerItDoesNotOwn() throws Exception {
    Path executable = MlServerExecutable.find(System.getenv())
        .or(() -> Files.isExecutable(ROOT.resolve(".venv/bin/mlserver"))
            ? Optional.of(ROOT.resolve(".venv/bin/mlserver")) : Optional.empty())
        .orElseThrow(() -> new AssertionError(MlServerExecutable.missingMessage()));
    int http = freePort();
    ProcessBuilder builder = new ProcessBuilder(executable.toString(), "start", repository.toString())
        .redirectErrorStream(true)
        .redirectOutput(repository.resolveSibling(repository.getFileName() + "-sidecar.log").toFile());
    builder.environment().putAll(Map.of(
        "MLSERVER_HOST", "127.0.0.1", "MLSERVER_HTTP_PORT", Integer.toString(http),
        "MLSERVER_GRPC_PORT", Integer.toString(freePort()), "MLSERVER_METRICS_PORT", Integer.toString(freePort()),
        "MLSERVER_LOAD_MODELS_AT_STARTUP", "false"));
    Process sidecar = builder.start();
    try {
      MlServerRuntime runtime = MlServerRuntime.sidecar("http://127.0.0.1:" + http, repository, 1);
      try {
        ModelArtifact read = new ModelFolderReader().read(ROOT.resolve("samples/seldon-mirror/mlserver/iris")).versions().getLast();
        ModelArtifact iris = new ModelArtifact("iris_4", "1", read.directory(), read.uri(), read.implementation(),
            read.platform(), 0, List.of(), List.of(), read.parameters(), read.source());
        LoadedModel model = runtime.load(iris);
        List<Tensor> outputs = model.infer(InferenceRequest.of("iris_4", List.of(
            Tensor.ofFloats("predict", new long[] {1, 4}, 1, 2, 3, 4))));
        assertThat(outputs.getFirst().asLongs()).containsExactly(2L);
        model.close();
        assertThat(repository.resolve("iris_4")).doesNotExist();
      } finally {
        runtime.close();
      }
      assertThat(sidecar.isAlive()).as("the sidecar keeps running after the runtime closes").isTrue();
      assertThat(runtime.copiesPerModel()).isEqualTo(1);
    } finally {
      sidecar.destroy();
      if (!sidecar.waitFor(30, TimeUnit.SECONDS)) {
        sidecar.destroyForcibly();
      }
      sidecar.descendants().forEach(ProcessHandle::destroyForcibly);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
