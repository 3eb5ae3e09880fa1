package io.trantor.protocol;

import java.util.List;
import java.util.Map;

/**
 * An OIP inference request, independent of REST or gRPC.
 *
 * @param modelName target model (from the REST path or the gRPC {@code model_name})
 * @param modelVersion requested version, or {@code null} for the server's choice
 * @param id caller's request id, echoed in the response; {@code null} when not sent
 * @param parameters request parameters (String, Boolean, Long, Double, or JSON List/Map values)
 * @param outputs requested outputs; empty means "all outputs"
 */
public record InferenceRequest(
    String modelName,
    String modelVersion,
    String id,
    Map<String, Object> parameters,
    List<Tensor> inputs,
    List<RequestedOutput> outputs) {

  public InferenceRequest {
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    inputs = List.copyOf(inputs);
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
  }

  /** A request with inputs only: no id, no parameters, every output. */
  public static InferenceRequest of(String modelName, List<Tensor> inputs) {
    return new InferenceRequest(modelName, null, null, Map.of(), inputs, List.of());
  }

  /** The input of that name, or {@code null}. */
  public Tensor input(String name) {
    for (Tensor t : inputs) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    return null;
  }

  /** One requested output; {@code parameters} may carry {@code binary_data} and the like. */
  public record RequestedOutput(String name, Map<String, Object> parameters) {
    public RequestedOutput {
      if (name == null || name.isEmpty()) {
        throw new InvalidInputException("a requested output has no name");
      }
      parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    public static RequestedOutput named(String name) {
      return new RequestedOutput(name, Map.of());
    }
  }
}
