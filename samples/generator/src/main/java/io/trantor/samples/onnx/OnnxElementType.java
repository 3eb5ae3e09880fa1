package io.trantor.samples.onnx;

import io.trantor.protocol.Datatype;

/** ONNX tensor element types ({@code TensorProto.DataType}) with their spec codes. */
public enum OnnxElementType {
  FLOAT(1),
  UINT8(2),
  INT8(3),
  UINT16(4),
  INT16(5),
  INT32(6),
  INT64(7),
  STRING(8),
  BOOL(9),
  FLOAT16(10),
  DOUBLE(11),
  UINT32(12),
  UINT64(13);

  private final int code;

  OnnxElementType(int code) {
    this.code = code;
  }

  /** The {@code TensorProto.DataType} number written into the model. */
  public int code() {
    return code;
  }

  /** The ONNX element type that carries an OIP datatype ({@code BYTES} is ONNX {@code STRING}). */
  public static OnnxElementType of(Datatype datatype) {
    return switch (datatype) {
      case BOOL -> BOOL;
      case UINT8 -> UINT8;
      case UINT16 -> UINT16;
      case UINT32 -> UINT32;
      case UINT64 -> UINT64;
      case INT8 -> INT8;
      case INT16 -> INT16;
      case INT32 -> INT32;
      case INT64 -> INT64;
      case FP16 -> FLOAT16;
      case FP32 -> FLOAT;
      case FP64 -> DOUBLE;
      case BYTES -> STRING;
    };
  }
}
