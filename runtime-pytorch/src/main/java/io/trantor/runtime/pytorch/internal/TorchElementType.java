package io.trantor.runtime.pytorch.internal;

import ai.djl.ndarray.types.DataType;
import io.trantor.protocol.Datatype;
import java.util.Optional;

/**
 * How each OIP datatype meets LibTorch through DJL. Both sides lay elements out little-endian and
 * row-major, so raw bytes pass through. Unsigned 16/32/64-bit and BYTES have no LibTorch tensor
 * type that TorchScript models take, so they are not carried.
 */
enum TorchElementType {
  BOOL(Datatype.BOOL, DataType.BOOLEAN),
  UINT8(Datatype.UINT8, DataType.UINT8),
  INT8(Datatype.INT8, DataType.INT8),
  INT16(Datatype.INT16, DataType.INT16),
  INT32(Datatype.INT32, DataType.INT32),
  INT64(Datatype.INT64, DataType.INT64),
  FP16(Datatype.FP16, DataType.FLOAT16),
  FP32(Datatype.FP32, DataType.FLOAT32),
  FP64(Datatype.FP64, DataType.FLOAT64);

  private final Datatype datatype;
  private final DataType djlType;

  TorchElementType(Datatype datatype, DataType djlType) {
    this.datatype = datatype;
    this.djlType = djlType;
  }

  Datatype datatype() {
    return datatype;
  }

  DataType djlType() {
    return djlType;
  }

  static Optional<TorchElementType> of(Datatype datatype) {
    for (TorchElementType type : values()) {
      if (type.datatype == datatype) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  static Optional<TorchElementType> of(DataType djlType) {
    for (TorchElementType type : values()) {
      if (type.djlType == djlType) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
