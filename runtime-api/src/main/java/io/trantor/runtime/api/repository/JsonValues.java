package io.trantor.runtime.api.repository;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns JSON from a settings file into the plain values parameters carry elsewhere (String,
 * Boolean, Long, Double, List, Map), so a runtime sees the same types whether a parameter came
 * from a file or from a request.
 */
final class JsonValues {
  private JsonValues() {}

  /** An object's members; members whose value is JSON {@code null} are left out (absent). */
  static Map<String, Object> toMap(JsonNode object) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> member : object.properties()) {
      Object value = toJava(member.getValue());
      if (value != null) {
        out.put(member.getKey(), value);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  static Object toJava(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.asText();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isArray()) {
      List<Object> out = new ArrayList<>(node.size());
      for (JsonNode element : node) {
        out.add(toJava(element));
      }
      return Collections.unmodifiableList(out);
    }
    if (node.isObject()) {
      return toMap(node);
    }
    return node.asText();
  }
}
