package io.trantor.runtime.mlserver;

/** MLServer cannot be reached: it did not start, exited, or its sidecar does not answer. */
public final class MlServerUnavailableException extends RuntimeException {
  public MlServerUnavailableException(String message) {
    super(message);
  }

  public MlServerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
