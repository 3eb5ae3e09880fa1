package io.trantor.agent.internal;

import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.ModelSignature;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a request against a model's signature before the model sees it, with Triton's wording
 * so clients written against Triton read familiar messages. A signature without inputs (a model
 * that declares nothing) accepts any inputs; likewise for outputs.
 */
public final class RequestValidator {
  private RequestValidator() {}

  /** @throws InvalidInputException naming the first tensor that does not fit */
  public static void validate(String modelName, ModelSignature signature, InferenceRequest request) {
    Set<String> seen = new HashSet<>();
    for (Tensor input : request.inputs()) {
      if (!seen.add(input.name())) {
        throw new InvalidInputException(
            "input '" + input.name() + "' appears more than once in the request for model '" + modelName + "'");
      }
    }
    if (!signature.inputs().isEmpty()) {
      checkInputs(modelName, signature.inputs(), request);
    }
    if (!signature.outputs().isEmpty()) {
      Set<String> known = signature.outputs().stream().map(TensorMetadata::name).collect(Collectors.toSet());
      for (InferenceRequest.RequestedOutput output : request.outputs()) {
        if (!known.contains(output.name())) {
          throw unknownOutput(modelName, output.name(), signature.outputs().stream().map(TensorMetadata::name).toList());
        }
      }
    }
  }

  public static InvalidInputException unknownOutput(String modelName, String output, List<String> known) {
    return new InvalidInputException(
        "unexpected inference output '" + output + "' for model '" + modelName + "'"
            + (known.isEmpty() ? "" : ", allowed outputs are: " + String.join(", ", known)));
  }

  private static void checkInputs(String modelName, List<TensorMetadata> declared, InferenceRequest request) {
    Map<String, TensorMetadata> byName = new LinkedHashMap<>();
    declared.forEach(d -> byName.put(d.name(), d));
    for (Tensor input : request.inputs()) {
      TensorMetadata expected = byName.get(input.name());
      if (expected == null) {
        throw new InvalidInputException(
            "unexpected inference input '" + input.name() + "' for model '" + modelName
                + "', allowed inputs are: " + String.join(", ", byName.keySet()));
      }
      if (input.datatype() != expected.datatype()) {
        throw new InvalidInputException(
            "inference input '" + input.name() + "' data-type is '" + input.datatype()
                + "', but model '" + modelName + "' expects '" + expected.datatype() + "'");
      }
      if (!shapeFits(expected.shape(), input.shape())) {
        throw new InvalidInputException(
            "unexpected shape for input '" + input.name() + "' for model '" + modelName
                + "'. Expected " + format(expected.shape()) + ", got " + format(input.shape()));
      }
    }
    if (request.inputs().size() < declared.size()) {
      List<String> missing = new ArrayList<>();
      for (String name : byName.keySet()) {
        if (request.input(name) == null) {
          missing.add("'" + name + "'");
        }
      }
      throw new InvalidInputException(
          "expected " + declared.size() + " inputs but got " + request.inputs().size()
              + " inputs for model '" + modelName + "'; missing required input(s) "
              + String.join(", ", missing));
    }
  }

  private static boolean shapeFits(long[] expected, long[] actual) {
    if (expected.length != actual.length) {
      return false;
    }
    for (int d = 0; d < expected.length; d++) {
      if (expected[d] != -1 && expected[d] != actual[d]) {
        return false;
      }
    }
    return true;
  }

  /** {@code [-1,16]}: Triton prints shapes without spaces. */
  private static String format(long[] shape) {
    StringBuilder out = new StringBuilder("[");
    for (int d = 0; d < shape.length; d++) {
      out.append(d == 0 ? "" : ",").append(shape[d]);
    }
    return out.append(']').toString();
  }
}
