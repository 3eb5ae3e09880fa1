package io.trantor.workflows.model;

import java.util.List;

/**
 * What {@link ModelWorkflow#status()} reports.
 *
 * @param state Seldon's model state names: ModelProgressing, ModelAvailable, ModelFailed,
 *     ScheduleFailed, ModelScaledDown, ModelTerminating, ModelTerminated (a failed load shows as
 *     ModelFailed here and LoadFailed on the replica)
 * @param version the latest version ({@code <model>_<version>} on the servers)
 */
public record ModelStatus(
    String namespace,
    String name,
    String state,
    String reason,
    long version,
    long generation,
    int desiredReplicas,
    int availableReplicas,
    String server,
    List<ReplicaStatus> replicas) {

  public ModelStatus {
    replicas = replicas == null ? List.of() : List.copyOf(replicas);
  }
}
