package io.trantor.workflows.model;

/**
 * Everything a {@link ModelWorkflow} run carries into the next one at continue-as-new. Owned by
 * the workflow implementation; its fields are part of the history format (add, never rename).
 */
public record ModelWorkflowState() {}
