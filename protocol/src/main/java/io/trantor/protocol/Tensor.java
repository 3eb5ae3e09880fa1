package io.trantor.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One named tensor of a request or a response. The constructor checks that the shape and the data
 * agree, so every {@code Tensor} that exists is consistent; a mismatch is an
 * {@link InvalidInputException} that names the tensor.
 *
 * @param parameters OIP tensor parameters; values are String, Boolean, Long, Double, or nested
 *     List/Map as they came from JSON
 */
public record Tensor(
    String name, Datatype datatype, long[] shape, Map<String, Object> parameters, TensorData data) {

  public Tensor {
    if (name == null || name.isEmpty()) {
      throw new InvalidInputException("a tensor has no name");
    }
    if (datatype == null) {
      throw new InvalidInputException("tensor '" + name + "': datatype is missing");
    }
    if (shape == null) {
      throw new InvalidInputException("tensor '" + name + "': shape is missing");
    }
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    if (data == null) {
      throw new InvalidInputException("tensor '" + name + "': data is missing");
    }
    long expected = elementCount(shape, name);
    if (datatype.isFixedWidth()) {
      if (!(data instanceof TensorData.Fixed fixed)) {
        throw new InvalidInputException(
            "tensor '" + name + "': datatype " + datatype + " needs fixed-width data, not BYTES");
      }
      if (fixed.littleEndian().length % datatype.byteSize() != 0) {
        throw new InvalidInputException(
            "tensor '" + name + "': " + fixed.littleEndian().length + " raw bytes is not a multiple of "
                + datatype.byteSize() + " (the size of one " + datatype + ")");
      }
    } else if (!(data instanceof TensorData.Bytes)) {
      throw new InvalidInputException("tensor '" + name + "': datatype BYTES needs BYTES data");
    }
    long actual = data.elementCount(datatype);
    if (actual != expected) {
      throw new InvalidInputException(
          "tensor '" + name + "': shape " + Arrays.toString(shape) + " has " + expected
              + " elements but " + actual + " were given");
    }
  }

  /** Product of the dimensions; a negative dimension is an error in a tensor that carries data. */
  public static long elementCount(long[] shape, String tensorName) {
    long count = 1;
    for (long dim : shape) {
      if (dim < 0) {
        throw new InvalidInputException(
            "tensor '" + tensorName + "': shape " + Arrays.toString(shape) + " has a negative dimension");
      }
      count = Math.multiplyExact(count, dim);
    }
    return count;
  }

  public long elementCount() {
    return data.elementCount(datatype);
  }

  /** The same data under another name (used by tensor maps and output renames). */
  public Tensor withName(String newName) {
    return new Tensor(newName, datatype, shape, parameters, data);
  }

  // ---- factories for the common element types (tests, samples, runtimes) ----

  public static Tensor ofFloats(String name, long[] shape, float... values) {
    ByteBuffer b = allocate(values.length, 4);
    for (float v : values) {
      b.putFloat(v);
    }
    return new Tensor(name, Datatype.FP32, shape, Map.of(), new TensorData.Fixed(b.array()));
  }

  public static Tensor ofDoubles(String name, long[] shape, double... values) {
    ByteBuffer b = allocate(values.length, 8);
    for (double v : values) {
      b.putDouble(v);
    }
    return new Tensor(name, Datatype.FP64, shape, Map.of(), new TensorData.Fixed(b.array()));
  }

  public static Tensor ofInts(String name, long[] shape, int... values) {
    ByteBuffer b = allocate(values.length, 4);
    for (int v : values) {
      b.putInt(v);
    }
    return new Tensor(name, Datatype.INT32, shape, Map.of(), new TensorData.Fixed(b.array()));
  }

  public static Tensor ofLongs(String name, long[] shape, long... values) {
    ByteBuffer b = allocate(values.length, 8);
    for (long v : values) {
      b.putLong(v);
    }
    return new Tensor(name, Datatype.INT64, shape, Map.of(), new TensorData.Fixed(b.array()));
  }

  public static Tensor ofBooleans(String name, long[] shape, boolean... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) (values[i] ? 1 : 0);
    }
    return new Tensor(name, Datatype.BOOL, shape, Map.of(), new TensorData.Fixed(bytes));
  }

  public static Tensor ofStrings(String name, long[] shape, String... values) {
    List<byte[]> elements = new ArrayList<>(values.length);
    for (String v : values) {
      elements.add(v.getBytes(StandardCharsets.UTF_8));
    }
    return new Tensor(name, Datatype.BYTES, shape, Map.of(), new TensorData.Bytes(elements));
  }

  private static ByteBuffer allocate(int count, int width) {
    return ByteBuffer.allocate(count * width).order(ByteOrder.LITTLE_ENDIAN);
  }

  // ---- typed views; each checks the datatype so a runtime cannot misread the bytes ----

  public float[] asFloats() {
    requireType(Datatype.FP32);
    float[] out = new float[(int) elementCount()];
    fixed().buffer().asFloatBuffer().get(out);
    return out;
  }

  public double[] asDoubles() {
    requireType(Datatype.FP64);
    double[] out = new double[(int) elementCount()];
    fixed().buffer().asDoubleBuffer().get(out);
    return out;
  }

  public int[] asInts() {
    requireType(Datatype.INT32);
    int[] out = new int[(int) elementCount()];
    fixed().buffer().asIntBuffer().get(out);
    return out;
  }

  public long[] asLongs() {
    requireType(Datatype.INT64);
    long[] out = new long[(int) elementCount()];
    fixed().buffer().asLongBuffer().get(out);
    return out;
  }

  public boolean[] asBooleans() {
    requireType(Datatype.BOOL);
    byte[] raw = fixed().littleEndian();
    boolean[] out = new boolean[raw.length];
    for (int i = 0; i < raw.length; i++) {
      out[i] = raw[i] != 0;
    }
    return out;
  }

  public List<String> asStrings() {
    requireType(Datatype.BYTES);
    List<String> out = new ArrayList<>();
    for (byte[] e : ((TensorData.Bytes) data).elements()) {
      out.add(new String(e, StandardCharsets.UTF_8));
    }
    return out;
  }

  /**
   * Every element widened to double, whatever the numeric datatype (UINT64 above 2^63 is read as
   * unsigned). Used where a model takes numbers of any width, e.g. tree ensembles.
   */
  public double[] asDoubleValues() {
    if (!datatype.isFixedWidth()) {
      throw new InvalidInputException("tensor '" + name + "': BYTES cannot be read as numbers");
    }
    ByteBuffer b = fixed().buffer();
    double[] out = new double[(int) elementCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] =
          switch (datatype) {
            case BOOL, UINT8 -> b.get() & 0xFF;
            case INT8 -> b.get();
            case UINT16 -> b.getShort() & 0xFFFF;
            case INT16 -> b.getShort();
            case FP16 -> Float.float16ToFloat(b.getShort());
            case UINT32 -> b.getInt() & 0xFFFFFFFFL;
            case INT32 -> b.getInt();
            case UINT64 -> unsignedToDouble(b.getLong());
            case INT64 -> b.getLong();
            case FP32 -> b.getFloat();
            case FP64 -> b.getDouble();
            case BYTES -> throw new AssertionError("checked above");
          };
    }
    return out;
  }

  private static double unsignedToDouble(long v) {
    return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
  }

  private TensorData.Fixed fixed() {
    return (TensorData.Fixed) data;
  }

  private void requireType(Datatype expected) {
    if (datatype != expected) {
      throw new InvalidInputException(
          "tensor '" + name + "': expected datatype " + expected + ", got " + datatype);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor t
        && name.equals(t.name)
        && datatype == t.datatype
        && Arrays.equals(shape, t.shape)
        && parameters.equals(t.parameters)
        && data.equals(t.data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * name.hashCode() + Arrays.hashCode(shape)) + data.hashCode();
  }

  @Override
  public String toString() {
    return "Tensor[" + name + " " + datatype + " " + Arrays.toString(shape) + " " + data + "]";
  }
}
