package io.trantor.control;

/**
 * The control-plane service: the {@code ControlPlane} and {@code AgentService} gRPC APIs (and
 * JSON over HTTP) on one port, and the Temporal workers that run the workflows and activities.
 * Holds no state of its own beyond what agents report and the optional spec store.
 */
public final class ControlPlane implements AutoCloseable {

  /**
   * Connects to Temporal at {@code config.temporalTarget()}, starts the workers and the API, and
   * (with a data dir) re-applies the stored specs.
   */
  public static ControlPlane start(ControlConfig config, ServerReplicas servers) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The bound API port. */
  public int port() {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public void close() {
    throw new UnsupportedOperationException("not yet");
  }
}
