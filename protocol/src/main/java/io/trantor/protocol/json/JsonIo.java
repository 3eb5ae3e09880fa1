package io.trantor.protocol.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.trantor.protocol.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * The one {@link JsonFactory} of the codec (factories are thread-safe and costly to build) and the
 * translation of Jackson's syntax errors into messages for the caller.
 */
final class JsonIo {
  /**
   * Python's {@code json.dumps} writes bare {@code NaN}/{@code Infinity}, so the parser accepts
   * them; the generator keeps Jackson's default of writing them as strings, which stays valid JSON.
   */
  static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
          .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
          .build();

  private JsonIo() {}

  static JsonParser parser(byte[] body, int length) throws IOException {
    return FACTORY.createParser(body, 0, length);
  }

  static JsonGenerator generator(ByteArrayOutputStream out) throws IOException {
    return FACTORY.createGenerator(out, JsonEncoding.UTF8);
  }

  /** A Jackson read error as one line that says where the JSON is broken. */
  static InvalidInputException malformed(JsonProcessingException e) {
    JsonLocation where = e.getLocation();
    String at =
        where == null || where.getLineNr() < 0
            ? ""
            : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
    return new InvalidInputException("malformed JSON" + at + ": " + e.getOriginalMessage());
  }

  /** Moves to the next token, which must be a field name or the end of the current object. */
  static boolean nextField(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    return t == JsonToken.FIELD_NAME;
  }

  /** Reads a JSON string, or null for JSON null; anything else is an error naming {@code what}. */
  static String stringOrNull(JsonParser p, String what) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.VALUE_STRING) {
      throw new InvalidInputException(what + " must be a string, found " + describe(p));
    }
    return p.getText();
  }

  /** Reads an array of integers such as a shape. */
  static long[] longArray(JsonParser p, String what) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw new InvalidInputException(what + " must be an array of integers, found " + describe(p));
    }
    long[] values = new long[4];
    int size = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t != JsonToken.VALUE_NUMBER_INT
          || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        throw new InvalidInputException(
            what + " must be an array of integers, found " + describe(p));
      }
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = p.getLongValue();
    }
    return Arrays.copyOf(values, size);
  }

  /**
   * Names the current token for an error message. Numbers are shown (they are the value to fix);
   * strings are not, so a message never echoes a payload.
   */
  static String describe(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      return "the end of the input";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + p.getText();
      case VALUE_TRUE -> "true";
      case VALUE_FALSE -> "false";
      case VALUE_NULL -> "null";
      default -> t.asString() == null ? t.name() : t.asString();
    };
  }
}
