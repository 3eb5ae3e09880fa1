package io.trantor.protocol.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable byte array that numbers are written straight into, little-endian, so JSON numbers
 * become OIP raw tensor bytes without an intermediate boxed list.
 */
final class LittleEndianBuffer {
  private static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] bytes;
  private int size;

  LittleEndianBuffer(int initialCapacity) {
    bytes = new byte[Math.max(8, initialCapacity)];
  }

  void putByte(int value) {
    ensure(1);
    bytes[size++] = (byte) value;
  }

  void putShort(int value) {
    ensure(2);
    SHORT.set(bytes, size, (short) value);
    size += 2;
  }

  void putInt(int value) {
    ensure(4);
    INT.set(bytes, size, value);
    size += 4;
  }

  void putLong(long value) {
    ensure(8);
    LONG.set(bytes, size, value);
    size += 8;
  }

  void putFloat(float value) {
    putInt(Float.floatToRawIntBits(value));
  }

  void putDouble(double value) {
    putLong(Double.doubleToRawLongBits(value));
  }

  /** The written bytes; the internal array itself when it is exactly full (the usual case). */
  byte[] toByteArray() {
    return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
    }
  }

  // ---- readers over any little-endian array, used when writing tensors out as JSON ----

  static short shortAt(byte[] array, int offset) {
    return (short) SHORT.get(array, offset);
  }

  static int intAt(byte[] array, int offset) {
    return (int) INT.get(array, offset);
  }

  static long longAt(byte[] array, int offset) {
    return (long) LONG.get(array, offset);
  }
}
