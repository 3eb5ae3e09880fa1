package io.trantor.protocol;

/** No model (or version) of that name is known: REST 404, gRPC NOT_FOUND. */
public final class ModelNotFoundException extends OipException {
  public ModelNotFoundException(String message) {
    super(message);
  }
}
