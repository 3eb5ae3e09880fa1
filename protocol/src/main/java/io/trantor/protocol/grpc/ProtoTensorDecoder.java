package io.trantor.protocol.grpc;

import com.google.protobuf.ByteString;
import io.trantor.protocol.Datatype;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Tensor} from one proto tensor: from its raw bytes when the message has raw
 * contents, otherwise from the typed {@code contents} field that belongs to its datatype, with
 * values checked against the datatype's range.
 */
final class ProtoTensorDecoder {
  private ProtoTensorDecoder() {}

  /**
   * @param raw the tensor's raw contents entry, or null when the message has none
   * @param rawField {@code raw_input_contents} or {@code raw_output_contents}, for messages
   */
  static Tensor decode(
      String name,
      String datatypeName,
      List<Long> shapeList,
      Map<String, InferParameter> parameters,
      InferTensorContents contents,
      ByteString raw,
      String rawField) {
    if (name.isEmpty()) {
      throw new InvalidInputException("a tensor has no name");
    }
    Datatype datatype = Datatype.parse(datatypeName, name);
    long[] shape = new long[shapeList.size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = shapeList.get(i);
    }
    if (raw == null && datatype == Datatype.FP16 && !isEmpty(shape)) {
      throw new InvalidInputException(
          "tensor '" + name + "': FP16 has no typed contents field; send it in " + rawField);
    }
    TensorData data =
        raw != null
            ? fromRaw(raw.toByteArray(), datatype, name)
            : fromTyped(contents, datatype, name);
    return new Tensor(name, datatype, shape, ProtoParameters.fromProto(parameters), data);
  }

  /** True for a shape with a zero dimension; negative dimensions are left to the Tensor. */
  private static boolean isEmpty(long[] shape) {
    for (long dim : shape) {
      if (dim == 0) {
        return true;
      }
    }
    return false;
  }

  private static TensorData fromRaw(byte[] raw, Datatype datatype, String name) {
    return datatype.isFixedWidth()
        ? new TensorData.Fixed(raw)
        : TensorData.Bytes.fromRawBytes(raw, name);
  }

  private static TensorData fromTyped(InferTensorContents c, Datatype datatype, String name) {
    String expected = ProtoContentFields.fieldFor(datatype);
    List<String> others = ProtoContentFields.nonEmptyFieldsOtherThan(c, expected);
    if (!others.isEmpty()) {
      throw new InvalidInputException(
          "tensor '" + name + "': datatype " + datatype + " takes "
              + (expected == null ? "raw contents" : expected) + ", but "
              + String.join(", ", others) + " has values");
    }
    return switch (datatype) {
      case BOOL -> {
        byte[] out = new byte[c.getBoolContentsCount()];
        for (int i = 0; i < out.length; i++) {
          out[i] = (byte) (c.getBoolContents(i) ? 1 : 0);
        }
        yield new TensorData.Fixed(out);
      }
      case INT8, INT16, INT32 -> ints(c, datatype, name);
      case UINT8, UINT16, UINT32 -> uints(c, datatype, name);
      case INT64 -> {
        ByteBuffer out = allocate(c.getInt64ContentsCount(), 8);
        for (int i = 0; i < c.getInt64ContentsCount(); i++) {
          out.putLong(c.getInt64Contents(i));
        }
        yield new TensorData.Fixed(out.array());
      }
      case UINT64 -> {
        ByteBuffer out = allocate(c.getUint64ContentsCount(), 8);
        for (int i = 0; i < c.getUint64ContentsCount(); i++) {
          out.putLong(c.getUint64Contents(i));
        }
        yield new TensorData.Fixed(out.array());
      }
      case FP32 -> {
        ByteBuffer out = allocate(c.getFp32ContentsCount(), 4);
        for (int i = 0; i < c.getFp32ContentsCount(); i++) {
          out.putFloat(c.getFp32Contents(i));
        }
        yield new TensorData.Fixed(out.array());
      }
      case FP64 -> {
        ByteBuffer out = allocate(c.getFp64ContentsCount(), 8);
        for (int i = 0; i < c.getFp64ContentsCount(); i++) {
          out.putDouble(c.getFp64Contents(i));
        }
        yield new TensorData.Fixed(out.array());
      }
      case FP16 -> new TensorData.Fixed(new byte[0]); // only an empty FP16 tensor gets here
      case BYTES -> {
        List<byte[]> elements = new ArrayList<>(c.getBytesContentsCount());
        for (int i = 0; i < c.getBytesContentsCount(); i++) {
          elements.add(c.getBytesContents(i).toByteArray());
        }
        yield new TensorData.Bytes(elements);
      }
    };
  }

  private static TensorData ints(InferTensorContents c, Datatype datatype, String name) {
    int count = c.getIntContentsCount();
    ByteBuffer out = allocate(count, datatype.byteSize());
    for (int i = 0; i < count; i++) {
      int v = c.getIntContents(i);
      switch (datatype) {
        case INT8 -> out.put((byte) checked(v, Byte.MIN_VALUE, Byte.MAX_VALUE, datatype, name, i));
        case INT16 ->
            out.putShort((short) checked(v, Short.MIN_VALUE, Short.MAX_VALUE, datatype, name, i));
        default -> out.putInt(v);
      }
    }
    return new TensorData.Fixed(out.array());
  }

  /** uint32 arrives in a Java int; its bits are the unsigned value. */
  private static TensorData uints(InferTensorContents c, Datatype datatype, String name) {
    int count = c.getUintContentsCount();
    ByteBuffer out = allocate(count, datatype.byteSize());
    for (int i = 0; i < count; i++) {
      int v = c.getUintContents(i);
      long unsigned = Integer.toUnsignedLong(v);
      switch (datatype) {
        case UINT8 -> out.put((byte) checked(unsigned, 0, 0xFF, datatype, name, i));
        case UINT16 -> out.putShort((short) checked(unsigned, 0, 0xFFFF, datatype, name, i));
        default -> out.putInt(v);
      }
    }
    return new TensorData.Fixed(out.array());
  }

  private static long checked(
      long value, long min, long max, Datatype datatype, String name, int index) {
    if (value < min || value > max) {
      throw new InvalidInputException(
          "tensor '" + name + "': value " + value + " at element " + index + " is out of range for "
              + datatype + " (" + min + " to " + max + ")");
    }
    return value;
  }

  private static ByteBuffer allocate(int count, int width) {
    return ByteBuffer.allocate(count * width).order(ByteOrder.LITTLE_ENDIAN);
  }
}
