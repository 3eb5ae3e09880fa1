package io.trantor.compiler.placement;

import java.math.BigInteger;

/** Memory sizes as users write them in manifests (64Mi, 1.5Gi), for failure reasons. */
final class ByteSize {
  private static final String[] UNITS = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

  private ByteSize() {}

  static String format(long bytes) {
    if (bytes < 1024) {
      return bytes + "B";
    }
    int unit = 0;
    // Climb while the next unit still leaves at least 1 of it.
    while (unit + 1 < UNITS.length && bytes >= 1L << (10 * (unit + 2))) {
      unit++;
    }
    long size = 1L << (10 * (unit + 1));
    if (bytes % size == 0) {
      return bytes / size + UNITS[unit];
    }
    // One decimal, rounded down, so "needs 100.9Mi" never looks like it fits in "100.9Mi free".
    // The remainder times 10 can overflow a long for the largest units.
    long tenth = BigInteger.valueOf(bytes % size).multiply(BigInteger.TEN).divide(BigInteger.valueOf(size)).longValue();
    return bytes / size + "." + tenth + UNITS[unit];
  }
}
