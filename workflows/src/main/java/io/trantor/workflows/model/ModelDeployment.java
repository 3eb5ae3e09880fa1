package io.trantor.workflows.model;

import io.trantor.workflows.activity.ExplainerRef;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Model spec in the terms the workflow needs; the control plane converts the validated dsl
 * {@code Model} into this. Plain data, serialised into workflow history.
 *
 * @param generation increases on every applied change (Kubernetes' metadata.generation)
 * @param artifactVersion Triton version folder, or {@code null}
 * @param maxReplicas {@code null} when not set
 * @param server pin to this server, or {@code null}
 * @param explainer {@code spec.explainer}, or {@code null} for a model that is not an explainer
 */
public record ModelDeployment(
    String namespace,
    String name,
    long generation,
    String storageUri,
    Long artifactVersion,
    List<String> requirements,
    long memoryBytes,
    int replicas,
    int minReplicas,
    Integer maxReplicas,
    String server,
    Map<String, String> parameters,
    String secretName,
    ExplainerRef explainer) {

  public ModelDeployment {
    requirements = requirements == null ? List.of() : List.copyOf(requirements);
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }

  /**
   * True when the two differ only in replica counts (and generation): such a change keeps the
   * model version; any other change makes a new version (shared reference,
   * seldon-behaviour.md §1.2).
   */
  public boolean sameVersionAs(ModelDeployment other) {
    return Objects.equals(storageUri, other.storageUri)
        && Objects.equals(artifactVersion, other.artifactVersion)
        && requirements.equals(other.requirements)
        && memoryBytes == other.memoryBytes
        && Objects.equals(server, other.server)
        && parameters.equals(other.parameters)
        && Objects.equals(secretName, other.secretName)
        && Objects.equals(explainer, other.explainer);
  }
}
