package io.trantor.workflows.experiment;

/** Start input of {@link ExperimentWorkflow}. */
public record ExperimentWorkflowInput(String namespace, String name) {}
