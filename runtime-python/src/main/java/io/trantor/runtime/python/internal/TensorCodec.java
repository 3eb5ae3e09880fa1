package io.trantor.runtime.python.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceFailedException;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Turns an OIP request into an {@code execute} frame, and a {@code result} frame into tensors. */
final class TensorCodec {
  private TensorCodec() {}

  static Frame execute(InferenceRequest request) {
    ObjectNode header = Frame.JSON.createObjectNode().put("type", "execute");
    if (request.id() != null) {
      header.put("id", request.id());
    }
    header.set("parameters", Frame.JSON.valueToTree(request.parameters()));
    ArrayNode requested = header.putArray("requested_outputs");
    request.outputs().forEach(o -> requested.add(o.name()));
    ArrayNode inputs = header.putArray("inputs");
    List<byte[]> body = new ArrayList<>(request.inputs().size());
    for (Tensor tensor : request.inputs()) {
      byte[] raw = tensor.data().toRawBytes();
      ObjectNode spec = inputs.addObject().put("name", tensor.name()).put("datatype", tensor.datatype().name());
      ArrayNode shape = spec.putArray("shape");
      for (long dim : tensor.shape()) {
        shape.add(dim);
      }
      spec.put("size", raw.length);
      body.add(raw);
    }
    return new Frame(header, body);
  }

  /** The outputs of a {@code result} frame; a malformed one is the model's failure. */
  static List<Tensor> outputs(Frame result, String modelName) {
    byte[] body = result.body().isEmpty() ? new byte[0] : result.body().getFirst();
    List<Tensor> tensors = new ArrayList<>();
    int offset = 0;
    for (JsonNode spec : result.header().path("outputs")) {
      String name = spec.path("name").asText();
      int size = spec.path("size").asInt();
      long[] shape = new long[spec.path("shape").size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = spec.path("shape").get(i).asLong();
      }
      if (size < 0 || offset + size > body.length) {
        throw new InferenceFailedException(
            "model '" + modelName + "': the python worker's output '" + name + "' overruns its message", null);
      }
      byte[] raw = Arrays.copyOfRange(body, offset, offset + size);
      offset += size;
      Datatype datatype = Datatype.parse(spec.path("datatype").asText(), name);
      TensorData data = datatype == Datatype.BYTES ? TensorData.Bytes.fromRawBytes(raw, name) : new TensorData.Fixed(raw);
      tensors.add(new Tensor(name, datatype, shape, Map.of(), data));
    }
    return tensors;
  }
}
