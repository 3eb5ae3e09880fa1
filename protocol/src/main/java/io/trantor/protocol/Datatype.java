package io.trantor.protocol;

import java.util.Locale;

/**
 * The tensor element types of the Open Inference Protocol (see shared reference,
 * seldon-api-surface.md §1.2). {@link #byteSize()} is the fixed width of one element in the raw
 * little-endian encoding, or -1 for {@link #BYTES}, whose elements are variable-length.
 */
public enum Datatype {
  BOOL(1),
  UINT8(1),
  UINT16(2),
  UINT32(4),
  UINT64(8),
  INT8(1),
  INT16(2),
  INT32(4),
  INT64(8),
  FP16(2),
  FP32(4),
  FP64(8),
  BYTES(-1);

  private final int byteSize;

  Datatype(int byteSize) {
    this.byteSize = byteSize;
  }

  /** Width of one element in bytes, or -1 for variable-length {@link #BYTES}. */
  public int byteSize() {
    return byteSize;
  }

  public boolean isFixedWidth() {
    return byteSize > 0;
  }

  /**
   * Parses the wire name ({@code "FP32"}); case-insensitive because some clients send lower case.
   *
   * @throws InvalidInputException naming {@code tensorName} when the name is not a datatype
   */
  public static Datatype parse(String wireName, String tensorName) {
    if (wireName == null || wireName.isEmpty()) {
      throw new InvalidInputException("tensor '" + tensorName + "': datatype is missing");
    }
    try {
      return valueOf(wireName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "tensor '" + tensorName + "': unknown datatype '" + wireName
              + "' (expected one of BOOL, UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64,"
              + " FP16, FP32, FP64, BYTES)");
    }
  }
}
