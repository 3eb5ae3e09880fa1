package io.trantor.compiler.placement;

import java.util.Optional;

/**
 * Seldon's replica filters (reference §1.3): not draining, and enough free memory (overcommit
 * included). A replica that already holds the model counts that allocation as its own, so the
 * model stays where it is unless it grew past what the replica can give it.
 */
final class ReplicaFilter {
  private ReplicaFilter() {}

  /** Why {@code replica} cannot take the model; empty when it can. */
  static Optional<String> rejection(ReplicaView replica, ModelDemand demand) {
    if (replica.draining()) {
      return Optional.of("replica " + replica.index() + " is draining");
    }
    long available = availableFor(replica, demand.model());
    if (available >= demand.memoryBytes()) {
      return Optional.empty();
    }
    return Optional.of("replica " + replica.index() + " has " + ByteSize.format(available)
        + " free (needs " + ByteSize.format(demand.memoryBytes()) + ")");
  }

  /** Free memory, plus what the model already takes there. */
  static long availableFor(ReplicaView replica, String model) {
    long own = replica.modelMemoryBytes().getOrDefault(model, 0L);
    long free = replica.freeMemoryBytes();
    return free > Long.MAX_VALUE - own ? Long.MAX_VALUE : free + own;
  }
}
