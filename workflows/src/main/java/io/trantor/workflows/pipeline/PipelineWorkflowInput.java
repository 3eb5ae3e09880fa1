package io.trantor.workflows.pipeline;

/**
 * Start input of {@link PipelineWorkflow}.
 *
 * @param carried the state a previous run handed over with continue-as-new, or null at first start
 */
public record PipelineWorkflowInput(String namespace, String name, Carried carried) {

  public PipelineWorkflowInput(String namespace, String name) {
    this(namespace, name, null);
  }

  /** What survives continue-as-new: the wanted spec and the version rolled out for it. */
  public record Carried(PipelineDeployment wanted, long version, String uid, PipelineStatus status) {}
}
