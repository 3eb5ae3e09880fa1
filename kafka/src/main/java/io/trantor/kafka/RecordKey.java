package io.trantor.kafka;

import java.util.Optional;

/**
 * A record key as Seldon's pipeline gateway builds it: {@code <partition>.<resource>.<requestId>}.
 * Every topic of a pipeline has the same partition count, and each hop writes to the partition
 * number found before the first dot, so the answer comes back on the partition the caller reads.
 */
public record RecordKey(int partition, String resource, String requestId) {

  public static RecordKey parse(String key) {
    return tryParse(key).orElseThrow(() -> new IllegalArgumentException("not a <partition>.<resource>.<requestId> key: " + key));
  }

  /** Empty for keys that do not follow the format (external producers may use any key). */
  public static Optional<RecordKey> tryParse(String key) {
    if (key == null) {
      return Optional.empty();
    }
    int first = key.indexOf('.');
    int last = key.lastIndexOf('.');
    if (first <= 0 || last <= first) {
      return Optional.empty();
    }
    try {
      return Optional.of(new RecordKey(Integer.parseInt(key.substring(0, first)), key.substring(first + 1, last), key.substring(last + 1)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * The partition a key routes to among {@code partitions}: the leading number clamped to the range
   * (Seldon's partitioner), or 0 for keys without one.
   */
  public static int partitionOf(String key, int partitions) {
    return tryParse(key).map(k -> Math.max(0, Math.min(partitions - 1, k.partition()))).orElse(0);
  }

  @Override
  public String toString() {
    return partition + "." + resource + "." + requestId;
  }
}
