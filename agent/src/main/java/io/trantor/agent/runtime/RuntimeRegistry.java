package io.trantor.agent.runtime;

import java.util.List;
import java.util.Set;

/**
 * The runtimes on the classpath, found with {@link java.util.ServiceLoader}, and the choice of one
 * for an artifact. Closing it closes every runtime.
 */
public final class RuntimeRegistry implements AutoCloseable {

  public RuntimeRegistry(List<ModelRuntime> runtimes) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Every {@link ModelRuntime} registered through {@code META-INF/services}. */
  public static RuntimeRegistry discover() {
    throw new UnsupportedOperationException("not yet");
  }

  public List<ModelRuntime> runtimes() {
    throw new UnsupportedOperationException("not yet");
  }

  /** Union of the runtimes' capability tags. */
  public Set<String> capabilities() {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * The runtime that claims the artifact most strongly.
   *
   * @throws ModelLoadException when none claims it (the message lists the runtimes present and
   *     what they look for) or two claim it equally
   */
  public ModelRuntime choose(ModelArtifact artifact) throws ModelLoadException {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public void close() {
    throw new UnsupportedOperationException("not yet");
  }
}
