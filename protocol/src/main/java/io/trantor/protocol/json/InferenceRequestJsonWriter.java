package io.trantor.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InferenceRequest.RequestedOutput;
import io.trantor.protocol.Tensor;
import java.io.IOException;

/** Writes a REST {@code $inference_request} as a client sends it; the model name is in the path. */
final class InferenceRequestJsonWriter {
  private InferenceRequestJsonWriter() {}

  static byte[] write(InferenceRequest request) throws IOException {
    BodyOutputStream out = new BodyOutputStream(256);
    try (JsonGenerator g = JsonIo.generator(out)) {
      g.writeStartObject();
      if (request.id() != null) {
        g.writeStringField("id", request.id());
      }
      if (!request.parameters().isEmpty()) {
        g.writeFieldName("parameters");
        ParameterJson.write(g, request.parameters());
      }
      g.writeArrayFieldStart("inputs");
      for (Tensor input : request.inputs()) {
        TensorJsonWriter.writeWithData(g, input);
      }
      g.writeEndArray();
      if (!request.outputs().isEmpty()) {
        g.writeArrayFieldStart("outputs");
        for (RequestedOutput output : request.outputs()) {
          g.writeStartObject();
          g.writeStringField("name", output.name());
          if (!output.parameters().isEmpty()) {
            g.writeFieldName("parameters");
            ParameterJson.write(g, output.parameters());
          }
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    }
    return out.toByteArray();
  }
}
