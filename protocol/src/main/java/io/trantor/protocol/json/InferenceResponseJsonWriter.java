package io.trantor.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InferenceRequest.RequestedOutput;
import io.trantor.protocol.InferenceResponse;
import io.trantor.protocol.Tensor;
import java.io.IOException;
import java.util.List;

/**
 * Writes a REST {@code $inference_response}. Outputs the request asked to receive as binary data
 * carry {@code parameters.binary_data_size} instead of {@code data}, and their raw bytes follow the
 * JSON in output order.
 */
final class InferenceResponseJsonWriter {
  private InferenceResponseJsonWriter() {}

  static EncodedBody write(InferenceResponse response, InferenceRequest request)
      throws IOException {
    List<Tensor> outputs = response.outputs();
    byte[][] binary = new byte[outputs.size()][];
    long binaryLength = 0;
    BodyOutputStream out = new BodyOutputStream(256);
    try (JsonGenerator g = JsonIo.generator(out)) {
      g.writeStartObject();
      g.writeStringField("model_name", response.modelName() == null ? "" : response.modelName());
      if (response.modelVersion() != null) {
        g.writeStringField("model_version", response.modelVersion());
      }
      if (response.id() != null) {
        g.writeStringField("id", response.id());
      }
      if (!response.parameters().isEmpty()) {
        g.writeFieldName("parameters");
        ParameterJson.write(g, response.parameters());
      }
      g.writeArrayFieldStart("outputs");
      for (int i = 0; i < outputs.size(); i++) {
        Tensor output = outputs.get(i);
        byte[] raw = wantsBinary(request, output.name()) ? output.data().toRawBytes() : null;
        // An empty tensor goes as "data": [] so the body never announces a binary part of 0 bytes.
        if (raw != null && raw.length > 0) {
          binary[i] = raw;
          binaryLength += raw.length;
          TensorJsonWriter.writeAsBinary(g, output, raw.length);
        } else {
          TensorJsonWriter.writeWithData(g, output);
        }
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    int jsonLength = out.size();
    if (binaryLength == 0) {
      return new EncodedBody(out.toByteArray(), jsonLength);
    }
    byte[] body = out.toByteArray(Math.toIntExact(binaryLength));
    int position = jsonLength;
    for (byte[] raw : binary) {
      if (raw != null) {
        System.arraycopy(raw, 0, body, position, raw.length);
        position += raw.length;
      }
    }
    return new EncodedBody(body, jsonLength);
  }

  /**
   * Triton's rule: the output's own {@code binary_data} flag, else the request's
   * {@code binary_data_output} flag, else JSON.
   */
  static boolean wantsBinary(InferenceRequest request, String outputName) {
    if (request == null) {
      return false;
    }
    for (RequestedOutput requested : request.outputs()) {
      if (requested.name().equals(outputName)
          && requested.parameters().get("binary_data") instanceof Boolean flag) {
        return flag;
      }
    }
    return Boolean.TRUE.equals(request.parameters().get("binary_data_output"));
  }
}
