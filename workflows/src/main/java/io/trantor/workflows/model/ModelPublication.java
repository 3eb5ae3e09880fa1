package io.trantor.workflows.model;

import io.trantor.workflows.activity.ModelRoute;
import java.util.List;

/**
 * What {@link ModelWorkflow#publication()} reports: the workflow's side of the control plane's
 * live tables.
 *
 * @param route the route the gateways were last given ({@code null}: none)
 * @param memoryBytes what each replica of the model holds (reserved at placement)
 * @param replicas every replica the workflow's books hold, in any state; each holds a reservation
 */
public record ModelPublication(
    String namespace, String name, ModelRoute route, long memoryBytes, List<ReplicaStatus> replicas) {

  public ModelPublication {
    replicas = replicas == null ? List.of() : List.copyOf(replicas);
  }
}
