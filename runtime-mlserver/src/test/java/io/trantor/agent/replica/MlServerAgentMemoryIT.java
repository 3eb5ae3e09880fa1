package io.trantor.agent.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.protocol.control.CommandResult;
import io.trantor.protocol.control.LoadModel;
import io.trantor.runtime.api.RuntimeRegistry;
import io.trantor.runtime.mlserver.MlServerExecutable;
import io.trantor.runtime.mlserver.MlServerOptions;
import io.trantor.runtime.mlserver.MlServerRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent backed by MLServer with two parallel workers counts every model twice (each worker
 * holds a copy), so a model that fits once but not twice is refused with the doubled need.
 * (In the agent's package to use its FakeControlPlane.)
 */
class MlServerAgentMemoryIT {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @TempDir Path tmp;

  @Test
  void aModelCountsOncePerParallelWorker() throws Exception {
    Path executable = MlServerExecutable.find(System.getenv())
        .or(() -> Files.isExecutable(ROOT.resolve(".venv/bin/mlserver"))
            ? Optional.of(ROOT.resolve(".venv/bin/mlserver")) : Optional.empty())
        .orElseThrow(() -> new AssertionError(MlServerExecutable.missingMessage()));
    MlServerOptions options = new MlServerOptions(executable, "127.0.0.1", tmp.resolve("mlserver"), 2, Duration.ofSeconds(120));
    try (FakeControlPlane control = FakeControlPlane.start();
        RuntimeRegistry runtimes = new RuntimeRegistry(List.of(MlServerRuntime.start(options)));
        Agent agent = Agent.start(new AgentConfig("default", "mlserver", 0, control.target(), "127.0.0.1", 0,
            tmp.resolve("cache"), List.of(), 1000, 0, Set.of(), Set.of(), "127.0.0.1:9000"), runtimes)) {
      assertThat(control.nextRegistration().getCapabilitiesList()).contains("mlserver", "sklearn", "xgboost");

      CommandResult refused = control.load(LoadModel.newBuilder().setModelName("iris").setVersion(1)
          .setStorageUri(ROOT.resolve("samples/seldon-mirror/mlserver/iris").toString()).setMemoryBytes(600).build());

      assertThat(refused.getOk()).isFalse();
      assertThat(refused.getError()).contains("needs 1200 bytes of memory, more than the 1000 bytes this replica has");
    }
  }
}
