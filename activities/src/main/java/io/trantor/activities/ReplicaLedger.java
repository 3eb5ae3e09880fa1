package io.trantor.activities;

import io.trantor.compiler.placement.ClusterView;
import java.time.Duration;
import java.util.Optional;

/**
 * What placement reads and writes of the control plane's view of the replicas (the control plane
 * holds the view; placement only decides against it and books memory on it).
 */
public interface ReplicaLedger {

  /** The namespace as placement sees it: connected replicas only. */
  ClusterView view(String namespace);

  /**
   * Books {@code memoryBytes} for a model version on a connected replica. Idempotent; false when the
   * replica is not connected.
   */
  boolean reserve(ReplicaKey key, String model, long version, long memoryBytes);

  /** Frees what a model version holds on a replica. Idempotent. */
  void release(ReplicaKey key, String model, long version);

  Optional<ReplicaSnapshot> replica(ReplicaKey key);

  /**
   * Waits until a restarted control plane has rebuilt the view (no decision on a view that misses
   * what is already held); false when {@code timeout} passed first.
   */
  boolean awaitSeeded(Duration timeout) throws InterruptedException;
}
