package io.trantor.protocol.json;

import io.trantor.protocol.InvalidInputException;
import java.util.Arrays;

/**
 * The binary part of a body in Triton's binary tensor data extension: the bytes after the JSON
 * header, handed out to tensors in order as each one claims its {@code binary_data_size}.
 */
final class BinaryTail {
  private final byte[] body;
  private final boolean headerSent;
  private int position;

  /**
   * @param jsonLength the {@code Inference-Header-Content-Length} value, already checked against
   *     the body, or -1 when the header is absent (no binary part)
   */
  BinaryTail(byte[] body, int jsonLength) {
    this.body = body;
    this.headerSent = jsonLength >= 0;
    this.position = headerSent ? jsonLength : body.length;
  }

  byte[] take(long size, String tensor) {
    if (size > remaining()) {
      throw new InvalidInputException(
          "tensor '" + tensor + "': binary_data_size is " + size + " but only " + remaining()
              + " bytes of binary data are left in the body"
              + (headerSent ? "" : " (the Inference-Header-Content-Length header is missing)"));
    }
    byte[] taken = Arrays.copyOfRange(body, position, position + (int) size);
    position += (int) size;
    return taken;
  }

  int remaining() {
    return body.length - position;
  }
}
