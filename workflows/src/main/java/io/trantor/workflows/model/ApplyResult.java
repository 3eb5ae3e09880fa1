package io.trantor.workflows.model;

/**
 * Result of {@link ModelWorkflow#apply}.
 *
 * @param action {@code created}, {@code configured} or {@code unchanged} (kubectl's words)
 */
public record ApplyResult(long version, String action) {}
