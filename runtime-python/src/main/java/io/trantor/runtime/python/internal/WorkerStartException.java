package io.trantor.runtime.python.internal;

/** A worker could not be brought to "ready"; the message says why (becomes a load or inference failure). */
final class WorkerStartException extends Exception {
  WorkerStartException(String message) {
    super(message);
  }
}
