package io.trantor.agent.replica;

import io.trantor.agent.runtime.RuntimeRegistry;

/**
 * One running agent: an OIP endpoint over its own model registry, and a connection to the
 * control plane (registers, executes load/unload commands, reconnects after the control plane
 * restarts). Models are served as {@code <model>_<version>}.
 */
public final class Agent implements AutoCloseable {

  /**
   * Starts the OIP endpoint and begins connecting to the control plane (in the background; it
   * keeps retrying). The caller keeps owning {@code runtimes}.
   */
  public static Agent start(AgentConfig config, RuntimeRegistry runtimes) {
    throw new UnsupportedOperationException("not yet");
  }

  /** host:port of the OIP endpoint. */
  public String endpoint() {
    throw new UnsupportedOperationException("not yet");
  }

  /** True while the control-plane stream is up and registered. */
  public boolean connected() {
    throw new UnsupportedOperationException("not yet");
  }

  /** Disconnects, stops the endpoint, unloads every model. */
  @Override
  public void close() {
    throw new UnsupportedOperationException("not yet");
  }
}
