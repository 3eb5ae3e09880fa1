package io.trantor.protocol;

/**
 * The closed family of errors a client of an OIP endpoint can be told about. Every edge (the
 * agent's model server, the gateway) maps the variants in one place,
 * {@link io.trantor.protocol.errors.OipErrorMapper}: REST status + {@code {"error": message}}, and a
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
