package io.trantor.protocol.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InferenceRequest.RequestedOutput;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a REST {@code $inference_request}, JSON or JSON + binary tensor data. */
final class InferenceRequestJsonReader {
  private InferenceRequestJsonReader() {}

  static InferenceRequest read(byte[] bytes, int headerValue, String modelName, String modelVersion)
      throws IOException {
    JsonBody body = JsonBody.of(bytes, headerValue, "inference request");
    BinaryTail tail = body.binaryTail();
    String id = null;
    Map<String, Object> parameters = Map.of();
    List<Tensor> inputs = null;
    List<RequestedOutput> outputs = List.of();
    try (JsonParser p = body.openObject("inference request")) {
      while (JsonIo.nextField(p)) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "id" -> id = JsonIo.stringOrNull(p, "'id'");
          case "parameters" -> parameters = ParameterJson.read(p, "request parameters");
          case "inputs" -> inputs = readInputs(p, tail, body.jsonLength());
          case "outputs" -> outputs = readOutputs(p);
          default -> p.skipChildren(); // model_name and the like: the path decides
        }
      }
      JsonBody.expectEnd(p);
    }
    if (inputs == null) {
      throw new InvalidInputException("inference request has no 'inputs'");
    }
    if (tail.remaining() > 0) {
      throw new InvalidInputException(
          "the body has " + tail.remaining() + " bytes of binary tensor data that no input claims"
              + " with parameters.binary_data_size");
    }
    return new InferenceRequest(modelName, modelVersion, id, parameters, inputs, outputs);
  }

  private static List<Tensor> readInputs(JsonParser p, BinaryTail tail, int maxElements)
      throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw new InvalidInputException(
          "'inputs' must be an array of tensors, found " + JsonIo.describe(p));
    }
    List<Tensor> inputs = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      inputs.add(TensorJsonReader.read(p, "inputs[" + inputs.size() + "]", tail, maxElements));
    }
    return inputs;
  }

  private static List<RequestedOutput> readOutputs(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return List.of();
    }
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw new InvalidInputException("'outputs' must be an array, found " + JsonIo.describe(p));
    }
    List<RequestedOutput> outputs = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      String position = "outputs[" + outputs.size() + "]";
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw new InvalidInputException(
            position + " must be an object, found " + JsonIo.describe(p));
      }
      String name = null;
      Map<String, Object> parameters = Map.of();
      while (JsonIo.nextField(p)) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "name" -> name = JsonIo.stringOrNull(p, position + ": name");
          case "parameters" -> parameters = ParameterJson.read(p, position + ": parameters");
          default -> p.skipChildren();
        }
      }
      if (name == null || name.isEmpty()) {
        throw new InvalidInputException(position + ": name is missing");
      }
      outputs.add(new RequestedOutput(name, parameters));
    }
    return outputs;
  }
}
