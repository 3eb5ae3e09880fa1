package io.trantor.activities;

/**
 * What the drain activities write into the control plane's view of the replicas: a draining
 * replica takes no new models, and its drain step shows in the server's status.
 */
public interface DrainBoard {

  void setDraining(ReplicaKey key, boolean draining);

  /**
   * The replica's drain step (Unschedulable, MovingModels, AwaitingInFlight, Released) and why a model
   * stays, if one does; a {@code null} reason keeps the one an earlier step gave.
   */
  void drainStep(ReplicaKey key, String step, String reason);
}
