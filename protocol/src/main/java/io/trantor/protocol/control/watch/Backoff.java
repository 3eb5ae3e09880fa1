package io.trantor.protocol.control.watch;

import java.time.Duration;

/**
 * How long to wait before reconnecting to the control plane: 100 ms, doubling up to 5 s, back to
 * the start after a good connection. Shared by the gateway's watches and the agent's connection.
 */
public final class Backoff {
  public static final Duration FIRST = Duration.ofMillis(100);
  public static final Duration MAX = Duration.ofSeconds(5);

  private final long firstMillis;
  private final long maxMillis;
  private long nextMillis;

  public Backoff() {
    this(FIRST, MAX);
  }

  public Backoff(Duration first, Duration max) {
    if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("back-off needs 0 < first <= max, got " + first + " and " + max);
    }
    this.firstMillis = first.toMillis();
    this.maxMillis = max.toMillis();
    this.nextMillis = firstMillis;
  }

  /** The delay before this attempt; the next one waits twice as long, up to the maximum. */
  public synchronized long nextMillis() {
    long delay = nextMillis;
    nextMillis = Math.min(nextMillis * 2, maxMillis);
    return delay;
  }

  /** After a good connection: the next attempt waits the first delay again. */
  public synchronized void reset() {
    nextMillis = firstMillis;
  }
}
