package io.trantor.gateway.ingress;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/**
 * What routing needs of one gRPC {@code ModelInferRequest} frame, read from its bytes without
 * decoding the tensors: {@code model_name} (field 1) and {@code model_version} (field 2). Other
 * fields are skipped by their length, so a large {@code raw_input_contents} costs nothing.
 */
record ModelInferFrame(String modelName, String modelVersion) {
  private static final int HEADER_BYTES = 5;
  private static final int MODEL_NAME = 1;
  private static final int MODEL_VERSION = 2;

  /**
   * The names in {@code frame}, or null when it is not exactly one uncompressed, well-formed
   * message (the caller then leaves it to the decoding path, which answers the error).
   */
  static ModelInferFrame read(byte[] frame) {
    if (frame.length < HEADER_BYTES || frame[0] != 0) {
      return null;
    }
    long length = ((frame[1] & 0xffL) << 24) | ((frame[2] & 0xff) << 16) | ((frame[3] & 0xff) << 8) | (frame[4] & 0xff);
    if (length != frame.length - HEADER_BYTES) {
      return null;
    }
    CodedInputStream in = CodedInputStream.newInstance(frame, HEADER_BYTES, (int) length);
    String name = "";
    String version = "";
    try {
      // Protobuf lets a field repeat (the last one wins) and come in any order, so read to the end.
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        int field = WireFormat.getTagFieldNumber(tag);
        boolean delimited = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
        if (field == MODEL_NAME && delimited) {
          name = in.readStringRequireUtf8();
        } else if (field == MODEL_VERSION && delimited) {
          version = in.readStringRequireUtf8();
        } else if (!in.skipField(tag)) {
          return null; // an end-group tag at the top level: malformed
        }
      }
    } catch (IOException e) {
      return null;
    }
    return new ModelInferFrame(name, version);
  }
}
