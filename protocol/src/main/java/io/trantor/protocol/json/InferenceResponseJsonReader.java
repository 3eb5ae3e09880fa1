package io.trantor.protocol.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.trantor.protocol.InferenceResponse;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a REST {@code $inference_response} as a client (or a proxying gateway) receives it. */
final class InferenceResponseJsonReader {
  private InferenceResponseJsonReader() {}

  static InferenceResponse read(byte[] bytes, int headerValue) throws IOException {
    JsonBody body = JsonBody.of(bytes, headerValue, "inference response");
    BinaryTail tail = body.binaryTail();
    String modelName = "";
    String modelVersion = null;
    String id = null;
    Map<String, Object> parameters = Map.of();
    List<Tensor> outputs = null;
    try (JsonParser p = body.openObject("inference response")) {
      while (JsonIo.nextField(p)) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "model_name" -> {
            String name = JsonIo.stringOrNull(p, "'model_name'");
            modelName = name == null ? "" : name;
          }
          case "model_version" -> modelVersion = JsonIo.stringOrNull(p, "'model_version'");
          case "id" -> id = JsonIo.stringOrNull(p, "'id'");
          case "parameters" -> parameters = ParameterJson.read(p, "response parameters");
          case "outputs" -> outputs = readOutputs(p, tail, body.jsonLength());
          default -> p.skipChildren();
        }
      }
      JsonBody.expectEnd(p);
    }
    if (outputs == null) {
      throw new InvalidInputException("inference response has no 'outputs'");
    }
    return new InferenceResponse(modelName, modelVersion, id, parameters, outputs);
  }

  private static List<Tensor> readOutputs(JsonParser p, BinaryTail tail, int maxElements)
      throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw new InvalidInputException(
          "'outputs' must be an array of tensors, found " + JsonIo.describe(p));
    }
    List<Tensor> outputs = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      outputs.add(TensorJsonReader.read(p, "outputs[" + outputs.size() + "]", tail, maxElements));
    }
    return outputs;
  }
}
