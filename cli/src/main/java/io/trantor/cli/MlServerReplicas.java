package io.trantor.cli;

import io.trantor.dsl.Server;
import io.trantor.runtime.api.RuntimeRegistry;
import io.trantor.runtime.mlserver.MlServerOptions;
import io.trantor.runtime.mlserver.MlServerRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * For {@code trantor up --mlserver}: the replicas of servers built from the {@code mlserver}
 * ServerConfig run a real MLServer (one child process per replica, Seldon's default MLServer
 * capabilities) instead of the built-in runtimes.
 *
 * @param executable the {@code mlserver} script found on PATH
 * @param host address MLServer binds
 * @param workDir each replica's MLServer gets {@code <workDir>/mlserver/<namespace>-<server>-<index>}
 */
record MlServerReplicas(Path executable, String host, Path workDir) {
  static final String SERVER_CONFIG = "mlserver";
  /** True when this server's replicas run MLServer. */
  boolean backs(Server server) {
    return SERVER_CONFIG.equals(server.spec().serverConfig());
  }

  /** A registry holding one new MLServer runtime; the caller closes it (stopping MLServer). */
  RuntimeRegistry open(Server server, int index) {
    Path folder = workDir.resolve("mlserver")
        .resolve(server.metadata().namespace() + "-" + server.metadata().name() + "-" + index);
    return new RuntimeRegistry(List.of(MlServerRuntime.start(MlServerOptions.of(executable, host, folder))));
  }
}
