package io.trantor.compiler.placement;

/**
 * Decides where a model's replicas go (shared reference, seldon-behaviour.md §1.3): servers whose
 * capabilities cover the requirements (and the pin, when given), replicas with enough free
 * memory (counting overcommit) that are not draining; prefers the current server, then replicas
 * that already hold the model, then the most free memory, then lower indexes. Pure and
 * deterministic: the same inputs give the same decision.
 */
public final class Placer {
  private Placer() {}

  public static PlacementDecision place(ModelDemand demand, ClusterView cluster) {
    throw new UnsupportedOperationException("not yet");
  }
}
