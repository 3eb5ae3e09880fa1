package io.trantor.runtime.onnx.internal;

import ai.onnxruntime.OrtException;
import io.trantor.protocol.InferenceFailedException;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.OipException;

/** Turns ONNX Runtime's errors into words for the caller. */
final class OrtMessages {
  private static final String MESSAGE_MARKER = "message: ";

  private OrtMessages() {}

  /** ONNX Runtime's own sentence, without the Java API's "Error code - ... - message:" prefix. */
  static String text(OrtException e) {
    String message = String.valueOf(e.getMessage());
    int at = message.indexOf(MESSAGE_MARKER);
    return (at >= 0 ? message.substring(at + MESSAGE_MARKER.length()) : message).strip();
  }

  /**
   * An argument error means the input does not fit the model (wrong shape or type, an unknown
   * tensor); anything else is the model failing on input it accepted.
   */
  static OipException toOip(String model, OrtException e) {
    return switch (e.getCode()) {
      case ORT_INVALID_ARGUMENT ->
          new InvalidInputException("model '" + model + "': " + text(e), e);
      default -> new InferenceFailedException("model '" + model + "' failed: " + text(e), e);
    };
  }
}
