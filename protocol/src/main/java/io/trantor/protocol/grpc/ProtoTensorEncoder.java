package io.trantor.protocol.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.trantor.protocol.Datatype;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A {@link Tensor}'s elements as typed {@code InferTensorContents} or as one raw entry. */
final class ProtoTensorEncoder {
  private ProtoTensorEncoder() {}

  /**
   * The raw OIP bytes, wrapped without a copy: tensor data is never mutated once a Tensor holds
   * it, so sharing the array with an immutable ByteString is safe.
   */
  static ByteString raw(Tensor t) {
    return UnsafeByteOperations.unsafeWrap(t.data().toRawBytes());
  }

  /** Typed contents; not defined for FP16 (callers send FP16 raw). */
  static InferTensorContents typed(Tensor t) {
    InferTensorContents.Builder c = InferTensorContents.newBuilder();
    if (t.data() instanceof TensorData.Bytes bytes) {
      for (byte[] element : bytes.elements()) {
        c.addBytesContents(UnsafeByteOperations.unsafeWrap(element));
      }
      return c.build();
    }
    byte[] raw = ((TensorData.Fixed) t.data()).littleEndian();
    ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    Datatype datatype = t.datatype();
    for (int i = 0; i < raw.length; i += datatype.byteSize()) {
      switch (datatype) {
        case BOOL -> c.addBoolContents(raw[i] != 0);
        case INT8 -> c.addIntContents(raw[i]);
        case INT16 -> c.addIntContents(b.getShort(i));
        case INT32 -> c.addIntContents(b.getInt(i));
        case INT64 -> c.addInt64Contents(b.getLong(i));
        case UINT8 -> c.addUintContents(raw[i] & 0xFF);
        case UINT16 -> c.addUintContents(b.getShort(i) & 0xFFFF);
        case UINT32 -> c.addUintContents(b.getInt(i));
        case UINT64 -> c.addUint64Contents(b.getLong(i));
        case FP32 -> c.addFp32Contents(b.getFloat(i));
        case FP64 -> c.addFp64Contents(b.getDouble(i));
        case FP16, BYTES -> throw new IllegalArgumentException(
            "tensor '" + t.name() + "': " + datatype + " has no typed contents here");
      }
    }
    return c.build();
  }
}
