package io.trantor.workflows.model;

import io.trantor.workflows.activity.ModelRoute;
import io.trantor.workflows.activity.ReleaseRequest;
import java.util.List;

/**
 * Everything a {@link ModelWorkflow} run carries into the next one at continue-as-new. Owned by
 * the workflow implementation; its fields are part of the history format (add, never rename).
 *
 * @param deployment the latest accepted spec; {@code null} before the first apply
 * @param version the latest version (0 before the first apply)
 * @param server the server the latest placement chose; {@code null} when not placed
 * @param scheduleFailedReason why the last placement failed; {@code null} when it did not
 * @param replicas every model replica the workflow still holds, of every version
 * @param route what the gateways were last told; {@code null} when no route is published
 * @param pendingReleases replicas that vanished (lost) and whose reservations are not freed yet
 * @param dirty a change arrived that the reconcile loop has not acted on yet
 * @param deleting deletion was accepted; applies are rejected from then on
 */
public record ModelWorkflowState(
    ModelDeployment deployment,
    long version,
    String server,
    String scheduleFailedReason,
    List<ReplicaStatus> replicas,
    ModelRoute route,
    List<ReleaseRequest> pendingReleases,
    boolean dirty,
    boolean deleting) {

  public ModelWorkflowState {
    replicas = replicas == null ? List.of() : List.copyOf(replicas);
    pendingReleases = pendingReleases == null ? List.of() : List.copyOf(pendingReleases);
  }

  /** The state of a model no apply has reached yet. */
  public static ModelWorkflowState initial() {
    return new ModelWorkflowState(null, 0, null, null, List.of(), null, List.of(), false, false);
  }
}
