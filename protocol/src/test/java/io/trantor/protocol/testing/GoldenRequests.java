package io.trantor.protocol.testing;

import com.google.protobuf.ByteString;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InferenceResponse;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.grpc.InferTensorContents;
import io.trantor.protocol.grpc.ModelInferRequest;
import io.trantor.protocol.json.EncodedBody;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Canonical OIP requests in every wire form, for any module's tests. The centre piece is Triton's
 * {@code simple} model (Seldon sample A1): {@code INPUT0}, {@code INPUT1} INT32 {@code [1,16]},
 * here both {@code 1..16}; it answers {@code OUTPUT0 = INPUT0 + INPUT1} ({@code 2,4,...,32}) and
 * {@code OUTPUT1 = INPUT0 - INPUT1} (zeros).
 */
public final class GoldenRequests {
  public static final String SIMPLE_MODEL = "simple";
  public static final long[] SIMPLE_SHAPE = {1, 16};

  private GoldenRequests() {}

  /** 1, 2, ..., 16. */
  public static int[] oneToSixteen() {
    int[] values = new int[16];
    for (int i = 0; i < 16; i++) {
      values[i] = i + 1;
    }
    return values;
  }

  /** The {@code simple} request as a record. */
  public static InferenceRequest simple() {
    return InferenceRequest.of(
        SIMPLE_MODEL,
        List.of(
            Tensor.ofInts("INPUT0", SIMPLE_SHAPE, oneToSixteen()),
            Tensor.ofInts("INPUT1", SIMPLE_SHAPE, oneToSixteen())));
  }

  /** The {@code simple} request as REST JSON, nested data, the way Seldon's docs send it. */
  public static String simpleJson() {
    String data = "[[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]]";
    return "{\"inputs\":["
        + "{\"name\":\"INPUT0\",\"shape\":[1,16],\"datatype\":\"INT32\",\"data\":" + data + "},"
        + "{\"name\":\"INPUT1\",\"shape\":[1,16],\"datatype\":\"INT32\",\"data\":" + data + "}]}";
  }

  public static byte[] simpleJsonBody() {
    return simpleJson().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The JSON header tritonclient's HTTP client sends for {@code simple} by default: binary
   * inputs, and, since no outputs are named, {@code binary_data_output: true}.
   */
  public static String simpleBinaryHeader() {
    String input = "\"shape\":[1,16],\"datatype\":\"INT32\",\"parameters\":{\"binary_data_size\":64}";
    return "{\"inputs\":[{\"name\":\"INPUT0\"," + input + "},{\"name\":\"INPUT1\"," + input + "}],"
        + "\"parameters\":{\"binary_data_output\":true}}";
  }

  /**
   * The whole tritonclient-style body: {@link #simpleBinaryHeader()} then 2 x 64 bytes of
   * little-endian int32; {@code jsonLength} is the {@code Inference-Header-Content-Length}.
   */
  public static EncodedBody simpleBinaryBody() {
    byte[] json = simpleBinaryHeader().getBytes(StandardCharsets.UTF_8);
    ByteBuffer body = ByteBuffer.allocate(json.length + 128).order(ByteOrder.LITTLE_ENDIAN);
    body.put(json);
    for (int input = 0; input < 2; input++) {
      for (int v : oneToSixteen()) {
        body.putInt(v);
      }
    }
    return new EncodedBody(body.array(), json.length);
  }

  /** The {@code simple} request as gRPC with typed {@code int_contents}. */
  public static ModelInferRequest simpleProto() {
    InferTensorContents.Builder contents = InferTensorContents.newBuilder();
    for (int v : oneToSixteen()) {
      contents.addIntContents(v);
    }
    return ModelInferRequest.newBuilder()
        .setModelName(SIMPLE_MODEL)
        .addInputs(protoInput("INPUT0").setContents(contents))
        .addInputs(protoInput("INPUT1").setContents(contents))
        .build();
  }

  /** The {@code simple} request as gRPC with {@code raw_input_contents}, as tritonclient sends it. */
  public static ModelInferRequest simpleProtoRaw() {
    ByteBuffer raw = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : oneToSixteen()) {
      raw.putInt(v);
    }
    ByteString bytes = ByteString.copyFrom(raw.array());
    return ModelInferRequest.newBuilder()
        .setModelName(SIMPLE_MODEL)
        .addInputs(protoInput("INPUT0"))
        .addInputs(protoInput("INPUT1"))
        .addRawInputContents(bytes)
        .addRawInputContents(bytes)
        .build();
  }

  private static ModelInferRequest.InferInputTensor.Builder protoInput(String name) {
    return ModelInferRequest.InferInputTensor.newBuilder()
        .setName(name)
        .setDatatype("INT32")
        .addShape(1)
        .addShape(16);
  }

  /** What {@code simple} answers to {@link #simple()}. */
  public static InferenceResponse simpleResponse() {
    int[] sum = new int[16];
    for (int i = 0; i < 16; i++) {
      sum[i] = 2 * (i + 1);
    }
    return new InferenceResponse(
        SIMPLE_MODEL,
        "1",
        null,
        Map.of(),
        List.of(
            Tensor.ofInts("OUTPUT0", SIMPLE_SHAPE, sum),
            Tensor.ofInts("OUTPUT1", SIMPLE_SHAPE, new int[16])));
  }

  /** {@link #simpleResponse()} as the REST JSON the codec writes for a pure JSON request. */
  public static String simpleResponseJson() {
    return "{\"model_name\":\"simple\",\"model_version\":\"1\",\"outputs\":["
        + "{\"name\":\"OUTPUT0\",\"datatype\":\"INT32\",\"shape\":[1,16],"
        + "\"data\":[2,4,6,8,10,12,14,16,18,20,22,24,26,28,30,32]},"
        + "{\"name\":\"OUTPUT1\",\"datatype\":\"INT32\",\"shape\":[1,16],"
        + "\"data\":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]}]}";
  }

  /** Seldon's iris sample (A17): one FP32 {@code [1,4]} tensor named {@code predict}. */
  public static InferenceRequest iris() {
    return InferenceRequest.of(
        "iris", List.of(Tensor.ofFloats("predict", new long[] {1, 4}, 1, 2, 3, 4)));
  }

  public static String irisJson() {
    return "{\"inputs\":[{\"name\":\"predict\",\"shape\":[1,4],\"datatype\":\"FP32\","
        + "\"data\":[[1,2,3,4]]}]}";
  }

  /**
   * Seldon's sentiment sample (A26): a BYTES {@code [1]} tensor with request parameter
   * {@code content_type: "str"}.
   */
  public static InferenceRequest sentiment() {
    return new InferenceRequest(
        "sentiment",
        null,
        null,
        Map.of("content_type", "str"),
        List.of(Tensor.ofStrings("foo", new long[] {1}, "I am good")),
        List.of());
  }

  public static String sentimentJson() {
    return "{\"parameters\":{\"content_type\":\"str\"},\"inputs\":[{\"name\":\"foo\",\"shape\":[1],"
        + "\"datatype\":\"BYTES\",\"data\":[\"I am good\"]}]}";
  }
}
