package io.trantor.protocol.json;

import static io.trantor.protocol.json.LittleEndianBuffer.intAt;
import static io.trantor.protocol.json.LittleEndianBuffer.longAt;
import static io.trantor.protocol.json.LittleEndianBuffer.shortAt;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trantor.protocol.Datatype;
import io.trantor.protocol.TensorData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes tensor elements as a flat JSON array: numbers read straight from the little-endian bytes,
 * UINT64 unsigned, FP32 and FP16 with float precision (0.1f prints {@code 0.1}), BOOL as
 * true/false, BYTES as strings.
 */
final class TensorDataJsonWriter {
  private TensorDataJsonWriter() {}

  static void write(JsonGenerator g, Datatype datatype, TensorData data, boolean base64)
      throws IOException {
    g.writeStartArray();
    if (data instanceof TensorData.Bytes bytes) {
      writeBytes(g, bytes.elements(), base64);
    } else {
      writeFixed(g, datatype, ((TensorData.Fixed) data).littleEndian());
    }
    g.writeEndArray();
  }

  /** Whether every element can go out as a JSON string without loss. */
  static boolean allUtf8(List<byte[]> elements) {
    for (byte[] element : elements) {
      if (!isUtf8(element)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isUtf8(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        try {
          StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
          return true;
        } catch (CharacterCodingException e) {
          return false;
        }
      }
    }
    return true; // ASCII
  }

  private static void writeBytes(JsonGenerator g, List<byte[]> elements, boolean base64)
      throws IOException {
    for (byte[] element : elements) {
      if (base64) {
        g.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, element, 0, element.length);
      } else {
        g.writeUTF8String(element, 0, element.length);
      }
    }
  }

  private static void writeFixed(JsonGenerator g, Datatype datatype, byte[] b) throws IOException {
    int width = datatype.byteSize();
    for (int i = 0; i < b.length; i += width) {
      switch (datatype) {
        case BOOL -> g.writeBoolean(b[i] != 0);
        case UINT8 -> g.writeNumber(b[i] & 0xFF);
        case INT8 -> g.writeNumber(b[i]);
        case UINT16 -> g.writeNumber(shortAt(b, i) & 0xFFFF);
        case INT16 -> g.writeNumber(shortAt(b, i));
        case UINT32 -> g.writeNumber(intAt(b, i) & 0xFFFF_FFFFL);
        case INT32 -> g.writeNumber(intAt(b, i));
        case INT64 -> g.writeNumber(longAt(b, i));
        case UINT64 -> {
          long v = longAt(b, i);
          if (v >= 0) {
            g.writeNumber(v);
          } else {
            g.writeNumber(Long.toUnsignedString(v));
          }
        }
        case FP16 -> g.writeNumber(Float.float16ToFloat(shortAt(b, i)));
        case FP32 -> g.writeNumber(Float.intBitsToFloat(intAt(b, i)));
        case FP64 -> g.writeNumber(Double.longBitsToDouble(longAt(b, i)));
        case BYTES -> throw new IllegalStateException("BYTES is not fixed-width");
      }
    }
  }
}
