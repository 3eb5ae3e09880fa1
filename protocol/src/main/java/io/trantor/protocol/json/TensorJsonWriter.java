package io.trantor.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.trantor.protocol.Datatype;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorData;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Writes one tensor object: {@code {name, datatype, shape, parameters?, data}}. */
final class TensorJsonWriter {
  private TensorJsonWriter() {}

  /** With its elements as JSON {@code data}. */
  static void writeWithData(JsonGenerator g, Tensor t) throws IOException {
    // JSON strings must be valid Unicode, so a BYTES tensor holding any element that is not UTF-8
    // goes out base64-encoded, marked with MLServer's content_type "base64" so clients can decode.
    // The codec itself never base64-decodes on read (MLServer leaves that to the model's codec),
    // so such a tensor does not round-trip through JSON byte for byte; the binary extension and
    // gRPC carry arbitrary bytes.
    boolean base64 =
        t.datatype() == Datatype.BYTES
            && !TensorDataJsonWriter.allUtf8(((TensorData.Bytes) t.data()).elements());
    Map<String, Object> parameters = t.parameters();
    if (base64) {
      parameters = new HashMap<>(parameters);
      parameters.put("content_type", "base64");
    }
    writeHeader(g, t, parameters);
    g.writeFieldName("data");
    TensorDataJsonWriter.write(g, t.datatype(), t.data(), base64);
    g.writeEndObject();
  }

  /** Without {@code data}: its bytes follow the JSON (binary tensor data extension). */
  static void writeAsBinary(JsonGenerator g, Tensor t, int binaryDataSize) throws IOException {
    Map<String, Object> parameters = new HashMap<>(t.parameters());
    parameters.put(TensorJsonReader.BINARY_DATA_SIZE, (long) binaryDataSize);
    writeHeader(g, t, parameters);
    g.writeEndObject();
  }

  private static void writeHeader(JsonGenerator g, Tensor t, Map<String, Object> parameters)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("name", t.name());
    g.writeStringField("datatype", t.datatype().name());
    g.writeFieldName("shape");
    g.writeArray(t.shape(), 0, t.shape().length);
    if (!parameters.isEmpty()) {
      g.writeFieldName("parameters");
      ParameterJson.write(g, parameters);
    }
  }
}
