package io.trantor.bench;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.trantor.protocol.grpc.GRPCInferenceServiceGrpc;
import io.trantor.protocol.grpc.ModelInferRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;

/** One request to the {@code simple} model (INT32 [1,16] × 2), over gRPC or REST, for closed loops. */
final class SimpleModelCalls {
  private SimpleModelCalls() {}

  /** gRPC with raw contents, as tritonclient sends; one channel per caller. */
  static ClosedLoop.Call grpc(String host, int port, String modelName) {
    ManagedChannel channel = ManagedChannelBuilder.forAddress(host, port).usePlaintext().build();
    var stub = GRPCInferenceServiceGrpc.newBlockingStub(channel);
    ByteBuffer raw = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    IntStream.rangeClosed(1, 16).forEach(raw::putInt);
    ModelInferRequest.Builder builder = ModelInferRequest.newBuilder().setModelName(modelName);
    for (String name : new String[] {"INPUT0", "INPUT1"}) {
      builder.addInputs(
          ModelInferRequest.InferInputTensor.newBuilder().setName(name).setDatatype("INT32").addShape(1).addShape(16));
      builder.addRawInputContents(ByteString.copyFrom(raw.array()));
    }
    ModelInferRequest request = builder.build();
    return () -> stub.modelInfer(request);
  }

  /** REST JSON over one keep-alive connection. */
  static ClosedLoop.Call rest(String host, int port, String modelName) throws IOException {
    return restAt(host, port, "/v2/models/" + modelName + "/infer");
  }

  /** REST JSON to any inference path, e.g. {@code /v2/pipelines/NAME/infer}. */
  static ClosedLoop.Call restAt(String host, int port, String path) throws IOException {
    String data = IntStream.rangeClosed(1, 16).boxed().toList().toString();
    byte[] body =
        ("{\"inputs\":[{\"name\":\"INPUT0\",\"shape\":[1,16],\"datatype\":\"INT32\",\"data\":" + data
                + "},{\"name\":\"INPUT1\",\"shape\":[1,16],\"datatype\":\"INT32\",\"data\":" + data + "}]}")
            .getBytes(StandardCharsets.UTF_8);
    RawHttpClient client = new RawHttpClient(host, port, path, body);
    return () -> {
      int status = client.call();
      if (status != 200) {
        throw new IOException("HTTP " + status);
      }
    };
  }
}
