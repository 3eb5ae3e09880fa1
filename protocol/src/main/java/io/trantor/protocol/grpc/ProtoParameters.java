package io.trantor.protocol.grpc;

import io.trantor.protocol.json.ParameterJson;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * OIP parameters between the protocol records and {@code InferParameter}, whose oneof holds only
 * bool, int64 and string: Boolean and integral numbers keep their type, a fractional number goes
 * as its decimal text and a nested List/Map as JSON text. Those two do not come back as numbers or
 * structures, since a string parameter cannot say it was one.
 */
final class ProtoParameters {
  private ProtoParameters() {}

  static Map<String, Object> fromProto(Map<String, InferParameter> parameters) {
    if (parameters.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> values = new HashMap<>(parameters.size() * 2);
    for (Map.Entry<String, InferParameter> e : parameters.entrySet()) {
      InferParameter p = e.getValue();
      Object value =
          switch (p.getParameterChoiceCase()) {
            case BOOL_PARAM -> p.getBoolParam();
            case INT64_PARAM -> p.getInt64Param();
            case STRING_PARAM -> p.getStringParam();
            case PARAMETERCHOICE_NOT_SET -> null; // an unset oneof carries no value: drop it
          };
      if (value != null) {
        values.put(e.getKey(), value);
      }
    }
    return values;
  }

  static Map<String, InferParameter> toProto(Map<String, Object> parameters) {
    if (parameters.isEmpty()) {
      return Map.of();
    }
    Map<String, InferParameter> values = new HashMap<>(parameters.size() * 2);
    for (Map.Entry<String, Object> e : parameters.entrySet()) {
      values.put(e.getKey(), toProto(e.getValue()));
    }
    return values;
  }

  private static InferParameter toProto(Object value) {
    InferParameter.Builder p = InferParameter.newBuilder();
    return switch (value) {
      case Boolean b -> p.setBoolParam(b).build();
      case Long l -> p.setInt64Param(l).build();
      case Integer i -> p.setInt64Param(i).build();
      case Short s -> p.setInt64Param(s).build();
      case Byte b -> p.setInt64Param(b).build();
      case String s -> p.setStringParam(s).build();
      case List<?> list -> p.setStringParam(ParameterJson.toJsonText(list)).build();
      case Map<?, ?> map -> p.setStringParam(ParameterJson.toJsonText(map)).build();
      default -> p.setStringParam(String.valueOf(value)).build();
    };
  }
}
