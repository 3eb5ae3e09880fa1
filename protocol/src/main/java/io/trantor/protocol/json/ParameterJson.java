package io.trantor.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.trantor.protocol.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * OIP {@code parameters} objects as JSON. Values read are String, Boolean, Long (Double when an
 * integer does not fit a long), Double, or nested List/Map; a top-level JSON null means "not
 * set" and is dropped.
 */
public final class ParameterJson {
  private ParameterJson() {}

  /** A parameter value (including nested List/Map) as JSON text, e.g. for gRPC string params. */
  public static String toJsonText(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JsonIo.generator(out)) {
      writeValue(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Reads the object at the current token; JSON null is an empty map. */
  static Map<String, Object> read(JsonParser p, String what) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return Map.of();
    }
    if (t != JsonToken.START_OBJECT) {
      throw new InvalidInputException(what + " must be an object, found " + JsonIo.describe(p));
    }
    Map<String, Object> values = new LinkedHashMap<>();
    while (JsonIo.nextField(p)) {
      String key = p.currentName();
      p.nextToken();
      Object value = readValue(p);
      if (value != null) {
        values.put(key, value);
      }
    }
    return values;
  }

  private static Object readValue(JsonParser p) throws IOException {
    return switch (p.currentToken()) {
      case VALUE_STRING -> p.getText();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NUMBER_INT ->
          p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
              ? (Object) p.getDoubleValue()
              : (Object) p.getLongValue();
      case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(readValue(p));
        }
        yield Collections.unmodifiableList(list);
      }
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        while (JsonIo.nextField(p)) {
          String key = p.currentName();
          p.nextToken();
          map.put(key, readValue(p));
        }
        yield Collections.unmodifiableMap(map);
      }
      default -> null; // VALUE_NULL
    };
  }

  /**
   * Writes {@code parameters} as an object. Keys are sorted so that equal maps always give equal
   * bytes ({@code Map.copyOf} iterates in a per-JVM random order).
   */
  static void write(JsonGenerator g, Map<String, ?> parameters) throws IOException {
    g.writeStartObject();
    Map<String, ?> ordered = parameters.size() > 1 ? new TreeMap<>(parameters) : parameters;
    for (Map.Entry<String, ?> e : ordered.entrySet()) {
      g.writeFieldName(e.getKey());
      writeValue(g, e.getValue());
    }
    g.writeEndObject();
  }

  private static void writeValue(JsonGenerator g, Object value) throws IOException {
    switch (value) {
      case null -> g.writeNull();
      case String s -> g.writeString(s);
      case Boolean b -> g.writeBoolean(b);
      case Long l -> g.writeNumber(l);
      case Integer i -> g.writeNumber(i);
      case Short s -> g.writeNumber(s);
      case Byte b -> g.writeNumber(b);
      case Double d -> g.writeNumber(d);
      case Float f -> g.writeNumber(f);
      case BigInteger b -> g.writeNumber(b);
      case BigDecimal b -> g.writeNumber(b);
      case List<?> list -> {
        g.writeStartArray();
        for (Object element : list) {
          writeValue(g, element);
        }
        g.writeEndArray();
      }
      case Map<?, ?> map -> {
        g.writeStartObject();
        for (Map.Entry<?, ?> e : map.entrySet()) {
          g.writeFieldName(String.valueOf(e.getKey()));
          writeValue(g, e.getValue());
        }
        g.writeEndObject();
      }
      default -> g.writeString(value.toString());
    }
  }
}
