package io.trantor.control;

/**
 * Temporal's Java test server in this process, bound to one loopback port (shared reference,
 * temporal-spike.md): real time, no persistence, no visibility APIs (so no Web UI and no
 * {@code temporal workflow list}; use {@code --temporal dev} for those).
 */
public final class EmbeddedTemporal implements AutoCloseable {

  /** Starts it on {@code host:port}; port 0 picks a free port. */
  public static EmbeddedTemporal start(String host, int port) {
    throw new UnsupportedOperationException("not yet");
  }

  /** host:port for Temporal clients. */
  public String target() {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public void close() {
    throw new UnsupportedOperationException("not yet");
  }
}
