package io.trantor.protocol;

/** The request is malformed or does not match the model: REST 400, gRPC INVALID_ARGUMENT. */
public final class InvalidInputException extends OipException {
  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
