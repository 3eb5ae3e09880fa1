package io.trantor.protocol.testing;

import io.trantor.protocol.Datatype;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds tensors of any datatype from plain values, encoding them with {@link ByteBuffer} so that
 * tests compare codec output against an encoding the codecs do not share.
 */
public final class Tensors {
  private Tensors() {}

  /**
   * A fixed-width tensor. BOOL takes 0/1, FP16 takes floats (converted with
   * {@link Float#floatToFloat16}), UINT64 takes the signed long with the same bits.
   */
  public static Tensor of(String name, Datatype datatype, long[] shape, Number... values) {
    return new Tensor(name, datatype, shape, Map.of(), new TensorData.Fixed(littleEndian(datatype, values)));
  }

  /** A BYTES tensor of UTF-8 strings. */
  public static Tensor strings(String name, long[] shape, String... values) {
    List<byte[]> elements = new ArrayList<>();
    for (String v : values) {
      elements.add(v.getBytes(StandardCharsets.UTF_8));
    }
    return new Tensor(name, Datatype.BYTES, shape, Map.of(), new TensorData.Bytes(elements));
  }

  /** A BYTES tensor of arbitrary byte strings. */
  public static Tensor bytes(String name, long[] shape, byte[]... values) {
    return new Tensor(name, Datatype.BYTES, shape, Map.of(), new TensorData.Bytes(List.of(values)));
  }

  /** The same tensor with these parameters. */
  public static Tensor withParameters(Tensor t, Map<String, Object> parameters) {
    return new Tensor(t.name(), t.datatype(), t.shape(), parameters, t.data());
  }

  public static long[] shape(long... dims) {
    return dims;
  }

  public static byte[] littleEndian(Datatype datatype, Number... values) {
    ByteBuffer b =
        ByteBuffer.allocate(values.length * datatype.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
    for (Number v : values) {
      switch (datatype) {
        case BOOL, UINT8, INT8 -> b.put(v.byteValue());
        case UINT16, INT16 -> b.putShort(v.shortValue());
        case FP16 -> b.putShort(Float.floatToFloat16(v.floatValue()));
        case UINT32, INT32 -> b.putInt(v.intValue());
        case UINT64, INT64 -> b.putLong(v.longValue());
        case FP32 -> b.putFloat(v.floatValue());
        case FP64 -> b.putDouble(v.doubleValue());
        case BYTES -> throw new IllegalArgumentException("use strings() or bytes() for BYTES");
      }
    }
    return b.array();
  }
}
