package io.trantor.protocol;

/**
 * One entry of the repository index ({@code POST /v2/repository/index}).
 *
 * @param version empty when the model is not loaded
 * @param state {@code READY}, {@code LOADING}, {@code UNAVAILABLE} (Triton's words)
 * @param reason why it is not ready; empty when ready
 */
public record RepositoryModel(String name, String version, String state, String reason) {}
