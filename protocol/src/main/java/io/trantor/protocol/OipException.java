package io.trantor.protocol;

/**
 * The closed family of errors a client of an OIP endpoint can be told about. Each edge (REST,
 * gRPC) maps the variants in exactly one place: REST status + {@code {"error": message}}, or a
 * gRPC status. Messages are written for the caller: they name the model or tensor and say what
 * to fix, and never carry a stack trace.
 */
public abstract sealed class OipException extends RuntimeException
    permits InvalidInputException,
        ModelNotFoundException,
        ModelNotReadyException,
        PayloadTooLargeException,
        InferenceFailedException {

  protected OipException(String message) {
    super(message, null, false, false);
  }

  protected OipException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
