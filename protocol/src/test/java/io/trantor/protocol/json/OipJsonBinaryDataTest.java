package io.trantor.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InferenceRequest.RequestedOutput;
import io.trantor.protocol.InferenceResponse;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.testing.EveryDatatype;
import io.trantor.protocol.testing.GoldenRequests;
import io.trantor.protocol.testing.Tensors;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Triton's binary tensor data extension, byte for byte. */
class OipJsonBinaryDataTest {

  private static byte[] concat(String json, byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(json.getBytes(StandardCharsets.UTF_8));
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static int length(String json) {
    return json.getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void readsTheRequestTritonclientSendsForSimple() {
    EncodedBody body = GoldenRequests.simpleBinaryBody();

    InferenceRequest request =
        OipJson.readInferenceRequest(body.bytes(), body.jsonLength(), "simple", null);

    assertThat(request.inputs()).isEqualTo(GoldenRequests.simple().inputs());
    assertThat(request.input("INPUT0").parameters()).isEmpty(); // binary_data_size is consumed
    assertThat(request.parameters()).isEqualTo(Map.of("binary_data_output", true));
  }

  @Test
  void readsTheExampleOfTritonsExtensionDocument() {
    String json =
        "{\"model_name\":\"mymodel\",\"inputs\":["
            + "{\"name\":\"input0\",\"shape\":[2,2],\"datatype\":\"UINT32\",\"parameters\":{\"binary_data_size\":16}},"
            + "{\"name\":\"input1\",\"shape\":[3],\"datatype\":\"BOOL\",\"parameters\":{\"binary_data_size\":3}}],"
            + "\"outputs\":[{\"name\":\"output0\",\"parameters\":{\"binary_data\":true}}]}";
    byte[] input0 = {1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
    byte[] input1 = {1, 0, 1};

    InferenceRequest request =
        OipJson.readInferenceRequest(concat(json, input0, input1), length(json), "mymodel", null);

    assertThat(request.inputs())
        .containsExactly(
            Tensors.of("input0", Datatype.UINT32, new long[] {2, 2}, 1, 2, 3, 0xFFFF_FFFF),
            Tensor.ofBooleans("input1", new long[] {3}, true, false, true));
    assertThat(request.outputs())
        .containsExactly(new RequestedOutput("output0", Map.of("binary_data", true)));
  }

  @Test
  void readsBytesElementsAsLengthPrefixedAndKeepsOtherParameters() {
    String json =
        "{\"inputs\":[{\"name\":\"s\",\"shape\":[2],\"datatype\":\"BYTES\","
            + "\"parameters\":{\"binary_data_size\":11,\"content_type\":\"str\"}},"
            + "{\"name\":\"n\",\"shape\":[1],\"datatype\":\"INT8\",\"data\":[-3]}]}";
    byte[] strings = {2, 0, 0, 0, 'a', 'b', 1, 0, 0, 0, 'c'};

    InferenceRequest request =
        OipJson.readInferenceRequest(concat(json, strings), length(json), "m", null);

    Tensor s = request.input("s");
    assertThat(s.asStrings()).containsExactly("ab", "c");
    assertThat(s.parameters()).isEqualTo(Map.of("content_type", "str"));
    assertThat(request.input("n")).isEqualTo(Tensors.of("n", Datatype.INT8, new long[] {1}, -3));
  }

  @Test
  void writesOnlyTheOutputsThatAskForBinaryAsBinary() {
    InferenceRequest request =
        new InferenceRequest(
            "simple",
            null,
            null,
            Map.of(),
            GoldenRequests.simple().inputs(),
            List.of(
                new RequestedOutput("OUTPUT0", Map.of("binary_data", true)),
                RequestedOutput.named("OUTPUT1")));
    InferenceResponse response = GoldenRequests.simpleResponse();

    EncodedBody body = OipJson.writeInferenceResponse(response, request);

    String expectedJson =
        "{\"model_name\":\"simple\",\"model_version\":\"1\",\"outputs\":["
            + "{\"name\":\"OUTPUT0\",\"datatype\":\"INT32\",\"shape\":[1,16],"
            + "\"parameters\":{\"binary_data_size\":64}},"
            + "{\"name\":\"OUTPUT1\",\"datatype\":\"INT32\",\"shape\":[1,16],"
            + "\"data\":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]}]}";
    assertThat(body.jsonLength()).isEqualTo(length(expectedJson));
    assertThat(new String(body.bytes(), 0, body.jsonLength(), StandardCharsets.UTF_8))
        .isEqualTo(expectedJson);
    assertThat(Arrays.copyOfRange(body.bytes(), body.jsonLength(), body.bytes().length))
        .isEqualTo(Tensors.littleEndian(Datatype.INT32, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32));
    assertThat(body.hasBinaryPart()).isTrue();
  }

  @Test
  void binaryDataOutputMakesEveryOutputBinaryUnlessAnOutputSaysFalse() {
    InferenceRequest request =
        new InferenceRequest(
            "m",
            null,
            null,
            Map.of("binary_data_output", true),
            List.of(),
            List.of(new RequestedOutput("b", Map.of("binary_data", false))));
    InferenceResponse response =
        new InferenceResponse(
            "m",
            null,
            "id-7",
            Map.of(),
            List.of(
                Tensors.strings("a", new long[] {2}, "xy", ""),
                Tensor.ofInts("b", new long[] {1}, 5),
                Tensor.ofBooleans("c", new long[] {2}, true, false)));

    EncodedBody body = OipJson.writeInferenceResponse(response, request);

    String expectedJson =
        "{\"model_name\":\"m\",\"id\":\"id-7\",\"outputs\":["
            + "{\"name\":\"a\",\"datatype\":\"BYTES\",\"shape\":[2],\"parameters\":{\"binary_data_size\":10}},"
            + "{\"name\":\"b\",\"datatype\":\"INT32\",\"shape\":[1],\"data\":[5]},"
            + "{\"name\":\"c\",\"datatype\":\"BOOL\",\"shape\":[2],\"parameters\":{\"binary_data_size\":2}}]}";
    assertThat(new String(body.bytes(), 0, body.jsonLength(), StandardCharsets.UTF_8))
        .isEqualTo(expectedJson);
    assertThat(Arrays.copyOfRange(body.bytes(), body.jsonLength(), body.bytes().length))
        .containsExactly(2, 0, 0, 0, 'x', 'y', 0, 0, 0, 0, 1, 0);
  }

  @Test
  void writesPureJsonWhenNothingAsksForBinary() {
    EncodedBody body =
        OipJson.writeInferenceResponse(GoldenRequests.simpleResponse(), GoldenRequests.simple());

    assertThat(body.hasBinaryPart()).isFalse();
    assertThat(new String(body.bytes(), StandardCharsets.UTF_8))
        .isEqualTo(GoldenRequests.simpleResponseJson());
  }

  static Stream<EveryDatatype.Sample> samples() {
    return EveryDatatype.samples().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void binaryResponseReadsBackEqualForEveryDatatype(EveryDatatype.Sample s) {
    InferenceRequest asksBinary =
        new InferenceRequest("m", null, null, Map.of("binary_data_output", true), List.of(), List.of());
    InferenceResponse response =
        new InferenceResponse("m", "3", "r", Map.of("k", "v"), List.of(s.tensor(), s.tensor().withName("u")));

    EncodedBody body = OipJson.writeInferenceResponse(response, asksBinary);

    assertThat(body.hasBinaryPart()).isTrue();
    assertThat(OipJson.readInferenceResponse(body.bytes(), body.jsonLength())).isEqualTo(response);
  }
}
