package io.trantor.compiler.placement;

import java.util.Map;
import java.util.Set;

/**
 * One server replica as placement sees it.
 *
 * @param index the replica's index within its server (0-based, like a StatefulSet ordinal)
 * @param capabilities what the replica can run (Seldon's capabilities + extraCapabilities)
 * @param memoryBytes the replica's memory
 * @param overcommitPercent how far past {@code memoryBytes} models may be registered (they are
 *     evicted LRU and reloaded on demand); the usable memory is memory × (1 + overcommit/100)
 * @param modelMemoryBytes memory taken by each model replica on it, loaded or reserved, keyed by
 *     model name (one entry per model: a model has at most one replica per server replica)
 * @param draining a draining replica takes no new models
 */
public record ReplicaView(
    int index,
    Set<String> capabilities,
    long memoryBytes,
    int overcommitPercent,
    Map<String, Long> modelMemoryBytes,
    boolean draining) {

  public ReplicaView {
    capabilities = Set.copyOf(capabilities);
    modelMemoryBytes = Map.copyOf(modelMemoryBytes);
  }

  /** memory × (1 + overcommit%) minus what its models take; never negative. */
  public long freeMemoryBytes() {
    long usable = memoryBytes + memoryBytes * overcommitPercent / 100;
    long used = modelMemoryBytes.values().stream().mapToLong(Long::longValue).sum();
    return Math.max(0, usable - used);
  }

  public boolean holds(String model) {
    return modelMemoryBytes.containsKey(model);
  }
}
