package io.trantor.protocol.grpc;

import io.trantor.protocol.Datatype;
import java.util.ArrayList;
import java.util.List;

/** Which {@code InferTensorContents} field carries which datatype (reference §1.2). */
final class ProtoContentFields {
  private ProtoContentFields() {}

  /** The typed field's proto name, or null for FP16, which has none. */
  static String fieldFor(Datatype datatype) {
    return switch (datatype) {
      case BOOL -> "bool_contents";
      case INT8, INT16, INT32 -> "int_contents";
      case INT64 -> "int64_contents";
      case UINT8, UINT16, UINT32 -> "uint_contents";
      case UINT64 -> "uint64_contents";
      case FP32 -> "fp32_contents";
      case FP64 -> "fp64_contents";
      case BYTES -> "bytes_contents";
      case FP16 -> null;
    };
  }

  /** Names of the fields that hold values, except {@code expected}; usually empty. */
  static List<String> nonEmptyFieldsOtherThan(InferTensorContents c, String expected) {
    List<String> found = new ArrayList<>(0);
    addIf(found, c.getBoolContentsCount(), "bool_contents", expected);
    addIf(found, c.getIntContentsCount(), "int_contents", expected);
    addIf(found, c.getInt64ContentsCount(), "int64_contents", expected);
    addIf(found, c.getUintContentsCount(), "uint_contents", expected);
    addIf(found, c.getUint64ContentsCount(), "uint64_contents", expected);
    addIf(found, c.getFp32ContentsCount(), "fp32_contents", expected);
    addIf(found, c.getFp64ContentsCount(), "fp64_contents", expected);
    addIf(found, c.getBytesContentsCount(), "bytes_contents", expected);
    return found;
  }

  private static void addIf(List<String> found, int count, String field, String expected) {
    if (count > 0 && !field.equals(expected)) {
      found.add(field);
    }
  }
}
