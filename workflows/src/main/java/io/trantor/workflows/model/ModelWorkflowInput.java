package io.trantor.workflows.model;

/**
 * Start input of {@link ModelWorkflow}.
 *
 * @param carried the state handed over by continue-as-new; {@code null} on the first run
 */
public record ModelWorkflowInput(String namespace, String name, ModelWorkflowState carried) {}
