package io.trantor.bench;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** The only waiting the benchmarks do: a pause between two polls, each loop bounded by a deadline. */
final class Polling {
  private Polling() {}

  static void pause(Duration interval) {
    LockSupport.parkNanos(interval.toNanos());
    if (Thread.interrupted()) {
      throw new IllegalStateException("interrupted while polling");
    }
  }

  /** Keeps the process idle until {@code length} has passed (the idle-RSS measurement). */
  static void idle(Duration length) {
    long end = System.nanoTime() + length.toNanos();
    for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
      pause(Duration.ofNanos(Math.min(left, 100_000_000L)));
    }
  }
}
