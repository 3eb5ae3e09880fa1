package io.trantor.activities;

import java.util.Map;

/**
 * One replica as {@link ClusterState} holds it at one moment.
 *
 * @param models memory held or reserved per model version, keyed {@code <model>_<version>}
 * @param connected false once its agent's stream ended (until it registers again)
 */
public record ReplicaSnapshot(ReplicaInfo info, boolean draining, boolean connected, Map<String, ModelHolding> models) {

  public ReplicaSnapshot {
    models = Map.copyOf(models);
  }

  public ReplicaKey key() {
    return info.key();
  }

  /** memory × (1 + overcommit%) minus what its models hold or reserve; never negative. */
  public long availableMemoryBytes() {
    long usable = info.memoryBytes() + info.memoryBytes() * info.overcommitPercent() / 100;
    long used = models.values().stream().mapToLong(ModelHolding::memoryBytes).sum();
    return Math.max(0, usable - used);
  }
}
