package io.trantor.protocol;

/** The model is known but cannot serve now (loading, failed, unloaded): REST 503, gRPC UNAVAILABLE. */
public final class ModelNotReadyException extends OipException {
  public ModelNotReadyException(String message) {
    super(message);
  }
}
