package io.trantor.runtime.tensorflow.internal;

import io.trantor.protocol.Datatype;
import java.util.Locale;
import java.util.Optional;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint16;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;
import org.tensorflow.types.family.TType;

/**
 * How each OIP datatype meets TensorFlow: its {@code DT_*} enum and the TF Java tensor class.
 * For fixed-width types both sides lay elements out little-endian and row-major, so raw bytes
 * pass through unchanged; BYTES are TensorFlow strings. INT8, INT16 and unsigned 32/64-bit are
 * not carried: TF Java 1.1.0 has no tensor classes for them.
 */
enum TfElementType {
  BOOL(Datatype.BOOL, DataType.DT_BOOL, TBool.class),
  UINT8(Datatype.UINT8, DataType.DT_UINT8, TUint8.class),
  UINT16(Datatype.UINT16, DataType.DT_UINT16, TUint16.class),
  INT32(Datatype.INT32, DataType.DT_INT32, TInt32.class),
  INT64(Datatype.INT64, DataType.DT_INT64, TInt64.class),
  FP16(Datatype.FP16, DataType.DT_HALF, TFloat16.class),
  FP32(Datatype.FP32, DataType.DT_FLOAT, TFloat32.class),
  FP64(Datatype.FP64, DataType.DT_DOUBLE, TFloat64.class),
  /** Variable-length elements: copied element by element (TfTensors), not as raw bytes. */
  BYTES(Datatype.BYTES, DataType.DT_STRING, TString.class);

  private final Datatype datatype;
  private final DataType tfType;
  private final Class<? extends TType> tensorClass;

  TfElementType(Datatype datatype, DataType tfType, Class<? extends TType> tensorClass) {
    this.datatype = datatype;
    this.tfType = tfType;
    this.tensorClass = tensorClass;
  }

  Datatype datatype() {
    return datatype;
  }

  DataType tfType() {
    return tfType;
  }

  Class<? extends TType> tensorClass() {
    return tensorClass;
  }

  static Optional<TfElementType> of(Datatype datatype) {
    for (TfElementType type : values()) {
      if (type.datatype == datatype) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  static Optional<TfElementType> of(DataType tfType) {
    for (TfElementType type : values()) {
      if (type.tfType == tfType) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** TensorFlow's short name, e.g. {@code int32} for {@code DT_INT32}, for messages. */
  static String tfName(DataType tfType) {
    return tfType.name().replaceFirst("^DT_", "").toLowerCase(Locale.ROOT);
  }
}
