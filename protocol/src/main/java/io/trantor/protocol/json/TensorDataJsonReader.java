package io.trantor.protocol.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.trantor.protocol.Datatype;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.TensorData;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code data} of one tensor: a JSON array, nested or flat (row-major), or a single
 * scalar. Fixed-width values go straight into a little-endian byte array; integers are range
 * checked against the datatype. The element count is checked later, by the {@code Tensor}.
 */
final class TensorDataJsonReader {
  private static final BigInteger UINT64_LIMIT = BigInteger.ONE.shiftLeft(64);

  private final JsonParser p;
  private final Datatype datatype;
  private final String tensor;
  private long index;

  private TensorDataJsonReader(JsonParser p, Datatype datatype, String tensor) {
    this.p = p;
    this.datatype = datatype;
    this.tensor = tensor;
  }

  /**
   * Reads the value at the parser's current token.
   *
   * @param expectedElements element count the shape announces, used only to size the buffer
   */
  static TensorData read(JsonParser p, Datatype datatype, int expectedElements, String tensor)
      throws IOException {
    return new TensorDataJsonReader(p, datatype, tensor).read(expectedElements);
  }

  private TensorData read(int expectedElements) throws IOException {
    if (datatype == Datatype.BYTES) {
      List<byte[]> elements = new ArrayList<>(expectedElements);
      forEachElement(() -> elements.add(bytesElement()));
      return new TensorData.Bytes(elements);
    }
    LittleEndianBuffer out = new LittleEndianBuffer(expectedElements * datatype.byteSize());
    forEachElement(() -> fixedElement(out));
    return new TensorData.Fixed(out.toByteArray());
  }

  private interface ElementAction {
    void accept() throws IOException;
  }

  /** Walks nested arrays depth-first, which is row-major order. */
  private void forEachElement(ElementAction action) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      action.accept();
      return;
    }
    int depth = 1;
    while (depth > 0) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_ARRAY) {
        depth++;
      } else if (t == JsonToken.END_ARRAY) {
        depth--;
      } else {
        action.accept();
        index++;
      }
    }
  }

  private byte[] bytesElement() throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw wrongType("strings");
    }
    return p.getText().getBytes(StandardCharsets.UTF_8);
  }

  private void fixedElement(LittleEndianBuffer out) throws IOException {
    switch (datatype) {
      case BOOL -> out.putByte(booleanElement() ? 1 : 0);
      case UINT8 -> out.putByte((int) integer(0, 0xFF));
      case INT8 -> out.putByte((int) integer(Byte.MIN_VALUE, Byte.MAX_VALUE));
      case UINT16 -> out.putShort((int) integer(0, 0xFFFF));
      case INT16 -> out.putShort((int) integer(Short.MIN_VALUE, Short.MAX_VALUE));
      case UINT32 -> out.putInt((int) integer(0, 0xFFFF_FFFFL));
      case INT32 -> out.putInt((int) integer(Integer.MIN_VALUE, Integer.MAX_VALUE));
      case INT64 -> out.putLong(integer(Long.MIN_VALUE, Long.MAX_VALUE));
      case UINT64 -> out.putLong(unsigned64());
      case FP16 -> out.putShort(Float.floatToFloat16(floatElement()));
      case FP32 -> out.putFloat(floatElement());
      case FP64 -> out.putDouble(doubleElement());
      case BYTES -> throw new IllegalStateException("BYTES is not fixed-width");
    }
  }

  private boolean booleanElement() throws IOException {
    return switch (p.currentToken()) {
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      default -> throw wrongType("true or false");
    };
  }

  private long integer(long min, long max) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw wrongType("integers");
    }
    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw outOfRange(min, max);
    }
    long value = p.getLongValue();
    if (value < min || value > max) {
      throw outOfRange(min, max);
    }
    return value;
  }

  private long unsigned64() throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw wrongType("integers");
    }
    if (p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      long value = p.getLongValue();
      if (value < 0) {
        throw outOfRange(0, -1);
      }
      return value;
    }
    BigInteger value = p.getBigIntegerValue();
    if (value.signum() < 0 || value.compareTo(UINT64_LIMIT) >= 0) {
      throw outOfRange(0, -1);
    }
    return value.longValue();
  }

  private float floatElement() throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
      return p.getFloatValue();
    }
    return (float) nonFinite();
  }

  private double doubleElement() throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
      return p.getDoubleValue();
    }
    return nonFinite();
  }

  /**
   * NaN and the infinities have no JSON number form: Jackson writes them as strings, and orjson
   * (MLServer) writes NaN as null. Accept those spellings.
   */
  private double nonFinite() throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return Double.NaN;
    }
    if (t == JsonToken.VALUE_STRING) {
      switch (p.getText()) {
        case "NaN", "nan" -> {
          return Double.NaN;
        }
        case "Infinity", "inf", "+Infinity", "+inf" -> {
          return Double.POSITIVE_INFINITY;
        }
        case "-Infinity", "-inf" -> {
          return Double.NEGATIVE_INFINITY;
        }
        default -> {}
      }
    }
    throw wrongType("numbers");
  }

  private InvalidInputException wrongType(String expected) throws IOException {
    return new InvalidInputException(
        "tensor '" + tensor + "': " + datatype + " data must be " + expected + ", found "
            + JsonIo.describe(p) + " at element " + index);
  }

  /** {@code max == -1} stands for the UINT64 maximum. */
  private InvalidInputException outOfRange(long min, long max) throws IOException {
    String upper = max == -1 ? Long.toUnsignedString(-1L) : Long.toString(max);
    return new InvalidInputException(
        "tensor '" + tensor + "': value " + p.getText() + " at element " + index
            + " is out of range for " + datatype + " (" + min + " to " + upper + ")");
  }
}
