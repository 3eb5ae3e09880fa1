package io.trantor.protocol;

/** The request body exceeds the configured limit: REST 413, gRPC RESOURCE_EXHAUSTED. */
public final class PayloadTooLargeException extends OipException {
  public PayloadTooLargeException(String message) {
    super(message);
  }
}
