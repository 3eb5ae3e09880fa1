package io.trantor.agent.replica;

/**
 * The agent will not hold a model: it does not fit in this replica's memory (with overcommit), or
 * its artifact cannot be served. The message becomes the CommandResult error the control plane
 * shows as the replica's LoadFailed reason.
 */
final class LoadRefusedException extends RuntimeException {
  LoadRefusedException(String message) {
    super(message);
  }
}
