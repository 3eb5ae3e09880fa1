package io.trantor.bench;

import java.util.Arrays;
import java.util.List;

/** Durations in nanoseconds, with nearest-rank percentiles (exact for small sample counts). */
record Samples(long[] sortedNanos) {
  static Samples of(List<Long> nanos) {
    long[] values = nanos.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(values);
    return new Samples(values);
  }

  int count() {
    return sortedNanos.length;
  }

  double millis(double percentile) {
    if (sortedNanos.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(percentile / 100.0 * sortedNanos.length);
    return sortedNanos[Math.max(0, Math.min(sortedNanos.length, rank) - 1)] / 1e6;
  }

  double maxMillis() {
    return millis(100);
  }

  double totalSeconds() {
    return Arrays.stream(sortedNanos).sum() / 1e9;
  }
}
