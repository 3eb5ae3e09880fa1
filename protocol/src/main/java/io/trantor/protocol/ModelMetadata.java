package io.trantor.protocol;

import java.util.List;
import java.util.Map;

/** The OIP model metadata response ({@code GET /v2/models/{m}}). */
public record ModelMetadata(
    String name,
    List<String> versions,
    String platform,
    List<TensorMetadata> inputs,
    List<TensorMetadata> outputs,
    Map<String, Object> parameters) {

  public ModelMetadata {
    versions = List.copyOf(versions);
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }
}
