package io.trantor.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The elements of a tensor in one of two encodings: fixed-width elements as one row-major,
 * little-endian byte array (the OIP "raw" layout, so gRPC raw contents pass through without a
 * copy into another form), or variable-length BYTES elements as a list of byte arrays.
 */
public sealed interface TensorData permits TensorData.Fixed, TensorData.Bytes {

  /** Number of elements, given the element width of {@code datatype}. */
  long elementCount(Datatype datatype);

  /** The raw OIP encoding: fixed-width values as they are, BYTES as 4-byte-length-prefixed. */
  byte[] toRawBytes();

  /** Row-major little-endian values of a fixed-width datatype. The array is not copied. */
  record Fixed(byte[] littleEndian) implements TensorData {
    public Fixed {
      if (littleEndian == null) {
        throw new IllegalArgumentException("littleEndian must not be null");
      }
    }

    @Override
    public long elementCount(Datatype datatype) {
      return littleEndian.length / datatype.byteSize();
    }

    @Override
    public byte[] toRawBytes() {
      return littleEndian;
    }

    /** A little-endian view of the bytes, positioned at 0. */
    public ByteBuffer buffer() {
      return ByteBuffer.wrap(littleEndian).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Fixed f && Arrays.equals(littleEndian, f.littleEndian);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(littleEndian);
    }

    @Override
    public String toString() {
      return "Fixed[" + littleEndian.length + " bytes]";
    }
  }

  /** One byte array per BYTES element (a string is its UTF-8 bytes). */
  record Bytes(List<byte[]> elements) implements TensorData {
    public Bytes {
      elements = List.copyOf(elements);
    }

    @Override
    public long elementCount(Datatype datatype) {
      return elements.size();
    }

    @Override
    public byte[] toRawBytes() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteBuffer length = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
      for (byte[] element : elements) {
        length.clear();
        length.putInt(element.length);
        out.write(length.array(), 0, 4);
        out.write(element, 0, element.length);
      }
      return out.toByteArray();
    }

    /**
     * Decodes the raw BYTES layout: each element is a 4-byte little-endian length, then that many
     * bytes.
     *
     * @throws InvalidInputException naming {@code tensorName} when the lengths overrun the buffer
     */
    public static Bytes fromRawBytes(byte[] raw, String tensorName) {
      ByteBuffer in = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
      List<byte[]> elements = new ArrayList<>();
      while (in.hasRemaining()) {
        if (in.remaining() < 4) {
          throw new InvalidInputException(
              "tensor '" + tensorName + "': raw BYTES content ends inside a 4-byte length prefix");
        }
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
          throw new InvalidInputException(
              "tensor '" + tensorName + "': raw BYTES element length " + Integer.toUnsignedString(length)
                  + " exceeds the " + in.remaining() + " bytes left");
        }
        byte[] element = new byte[length];
        in.get(element);
        elements.add(element);
      }
      return new Bytes(elements);
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Bytes b) || b.elements.size() != elements.size()) {
        return false;
      }
      for (int i = 0; i < elements.size(); i++) {
        if (!Arrays.equals(elements.get(i), b.elements.get(i))) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      int h = 1;
      for (byte[] e : elements) {
        h = 31 * h + Arrays.hashCode(e);
      }
      return h;
    }

    @Override
    public String toString() {
      return "Bytes[" + elements.size() + " elements]";
    }
  }
}
