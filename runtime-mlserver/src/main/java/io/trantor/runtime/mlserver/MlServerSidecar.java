package io.trantor.runtime.mlserver;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * An MLServer this JVM does not own (a sidecar container started with model loading at start-up
 * off), reached at {@code httpBase}, reading its models from {@code repository}, a volume shared
 * with the agent. It is never restarted from here: Kubernetes restarts the container.
 */
record MlServerSidecar(String httpBase, Path repository, Duration startTimeout) implements MlServerBackend {

  MlServerSidecar {
    URI.create(httpBase); // rejects a malformed address at start, not at the first request
  }

  @Override
  public Optional<String> exited() {
    return Optional.empty();
  }

  @Override
  public boolean restartIfExited() {
    return false;
  }

  @Override
  public void close() {}
}
