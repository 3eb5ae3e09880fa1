package io.trantor.gateway.pipelinehost.dataflow;

import com.google.protobuf.ByteString;
import io.trantor.protocol.grpc.InferTensorContents;
import io.trantor.protocol.grpc.ModelInferRequest;
import io.trantor.protocol.grpc.ModelInferRequest.InferInputTensor;
import io.trantor.protocol.grpc.ModelInferResponse;
import io.trantor.protocol.grpc.ModelInferResponse.InferOutputTensor;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Small OIP messages for tests: FP32 vectors by tensor name. */
final class Tensors {
  private Tensors() {}

  static ModelInferRequest request(String name, float... values) {
    return request(Map.of(name, values));
  }

  static ModelInferRequest request(Map<String, float[]> tensors) {
    ModelInferRequest.Builder out = ModelInferRequest.newBuilder().setId("req");
    new java.util.TreeMap<>(tensors).forEach((name, values) -> out.addInputs(InferInputTensor.newBuilder()
        .setName(name).setDatatype("FP32").addShape(values.length).setContents(contents(values))));
    return out.build();
  }

  /** One FP32 tensor of shape [rows, values.length / rows]. */
  static ModelInferRequest rows(String id, String name, int rows, float... values) {
    return ModelInferRequest.newBuilder().setId(id).addInputs(InferInputTensor.newBuilder().setName(name)
        .setDatatype("FP32").addShape(rows).addShape(values.length / rows).setContents(contents(values))).build();
  }

  static ModelInferResponse response(String model, Map<String, float[]> tensors) {
    ModelInferResponse.Builder out = ModelInferResponse.newBuilder().setModelName(model).setId("req");
    new java.util.TreeMap<>(tensors).forEach((name, values) -> out.addOutputs(InferOutputTensor.newBuilder()
        .setName(name).setDatatype("FP32").addShape(values.length).setContents(contents(values))));
    return out.build();
  }

  static ModelInferResponse response(String model, String name, float... values) {
    return response(model, Map.of(name, values));
  }

  /** A response with one tensor in raw contents (how Triton and big tensors travel). */
  static ModelInferResponse rawResponse(String model, String name, byte[] raw) {
    return ModelInferResponse.newBuilder().setModelName(model).setId("req")
        .addOutputs(InferOutputTensor.newBuilder().setName(name).setDatatype("UINT8").addShape(raw.length))
        .addRawOutputContents(ByteString.copyFrom(raw)).build();
  }

  private static InferTensorContents contents(float[] values) {
    InferTensorContents.Builder contents = InferTensorContents.newBuilder();
    for (float value : values) {
      contents.addFp32Contents(value);
    }
    return contents.build();
  }

  /** Tensor name to values of a request, in message order. */
  static Map<String, List<Float>> of(ModelInferRequest request) {
    return request.getInputsList().stream().collect(Collectors.toMap(InferInputTensor::getName,
        t -> t.getContents().getFp32ContentsList(), (a, b) -> a, java.util.LinkedHashMap::new));
  }

  static List<String> names(ModelInferRequest request) {
    return request.getInputsList().stream().map(InferInputTensor::getName).toList();
  }

  static List<String> names(ModelInferResponse response) {
    return response.getOutputsList().stream().map(InferOutputTensor::getName).toList();
  }
}
