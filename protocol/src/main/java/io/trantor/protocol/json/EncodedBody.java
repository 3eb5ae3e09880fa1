package io.trantor.protocol.json;

/**
 * An HTTP body as the REST codec wrote it. When some tensors travel as binary data (Triton's
 * binary tensor extension), the body is a JSON header of {@code jsonLength} bytes followed by the
 * binary blobs, and the server must send the {@code Inference-Header-Content-Length} header.
 *
 * @param jsonLength length of the JSON part; equals {@code bytes.length} for a pure JSON body
 */
public record EncodedBody(byte[] bytes, int jsonLength) {
  public boolean hasBinaryPart() {
    return jsonLength < bytes.length;
  }
}
