package io.trantor.protocol;

import java.util.List;
import java.util.Map;

/**
 * An OIP inference response, independent of REST or gRPC.
 *
 * @param modelVersion {@code null} when there is none to report (pipelines)
 * @param id the request's id, or {@code null} when the request had none
 */
public record InferenceResponse(
    String modelName,
    String modelVersion,
    String id,
    Map<String, Object> parameters,
    List<Tensor> outputs) {

  public InferenceResponse {
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    outputs = List.copyOf(outputs);
  }

  /** The output of that name, or {@code null}. */
  public Tensor output(String name) {
    for (Tensor t : outputs) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    return null;
  }
}
