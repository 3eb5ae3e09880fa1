package io.trantor.cli;

import java.util.concurrent.CountDownLatch;

/**
 * Tells a long-running command (serve, up) to stop. {@code main} fires it from the JVM's shutdown
 * hook (Ctrl-C, SIGTERM); tests fire it directly. The command then closes what it started and
 * calls {@link #stopped()}, which the hook waits for so the process does not exit mid-cleanup.
 */
public final class ShutdownSignal {
  private final CountDownLatch requested = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);

  public void request() {
    requested.countDown();
  }

  public void awaitRequest() throws InterruptedException {
    requested.await();
  }

  public void stopped() {
    stopped.countDown();
  }

  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }
}
