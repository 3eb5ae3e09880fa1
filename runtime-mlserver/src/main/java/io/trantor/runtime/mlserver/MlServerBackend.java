package io.trantor.runtime.mlserver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the MLServer of one replica runs: a child process this JVM owns (local mode) or a sidecar
 * container sharing the model repository folder (Kubernetes).
 */
sealed interface MlServerBackend extends AutoCloseable permits MlServerProcess, MlServerSidecar {

  /** {@code http://host:port} of MLServer's REST endpoint. */
  String httpBase();

  /** The folder MLServer reads model-settings.json files from. */
  Path repository();

  /** How long MLServer may take to answer ready after a (re)start. */
  Duration startTimeout();

  /** Why MLServer is gone (it exited, with its log's last lines), or empty while it runs. */
  Optional<String> exited();

  /**
   * Called after a request to MLServer failed: starts it again if it exited (a crash).
   *
   * @return true when it had exited and was restarted (every model must be loaded again)
   */
  boolean restartIfExited();

  @Override
  void close();
}
