package io.trantor.protocol;

/**
 * The model itself failed on input that passed validation (a runtime error inside the model):
 * REST 500, gRPC INTERNAL. The message names the model; the cause is logged, never sent.
 */
public final class InferenceFailedException extends OipException {
  public InferenceFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
