package io.trantor.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InferenceRequest.RequestedOutput;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.testing.EveryDatatype;
import io.trantor.protocol.testing.GoldenRequests;
import io.trantor.protocol.testing.Tensors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OipJsonRequestTest {

  static Stream<EveryDatatype.Sample> samples() {
    return EveryDatatype.samples().stream();
  }

  private static InferenceRequest read(String json) {
    return OipJson.readInferenceRequest(json.getBytes(StandardCharsets.UTF_8), -1, "m", null);
  }

  private static String requestWithData(EveryDatatype.Sample s, String data) {
    return "{\"inputs\":[{\"name\":\"t\",\"shape\":[2,2],\"datatype\":\"" + s.datatype()
        + "\",\"data\":" + data + "}]}";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void readsNestedDataOfEveryDatatype(EveryDatatype.Sample s) {
    InferenceRequest request = read(requestWithData(s, s.nestedJson()));

    assertThat(request.inputs()).containsExactly(s.tensor());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void readsFlatDataOfEveryDatatype(EveryDatatype.Sample s) {
    InferenceRequest request = read(requestWithData(s, s.flatJson()));

    assertThat(request.inputs()).containsExactly(s.tensor());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void writesRequestThatReadsBackEqual(EveryDatatype.Sample s) {
    InferenceRequest request = InferenceRequest.of("m", List.of(s.tensor()));

    String json = new String(OipJson.writeInferenceRequest(request), StandardCharsets.UTF_8);

    assertThat(json).isEqualTo(
        "{\"inputs\":[{\"name\":\"t\",\"datatype\":\"" + s.datatype() + "\",\"shape\":[2,2],"
            + "\"data\":" + s.flatJson() + "}]}");
    assertThat(read(json)).isEqualTo(request);
  }

  @Test
  void readsTheSimpleModelRequest() {
    InferenceRequest request =
        OipJson.readInferenceRequest(GoldenRequests.simpleJsonBody(), -1, "simple", null);

    assertThat(request).isEqualTo(GoldenRequests.simple());
    assertThat(request.input("INPUT0").asInts()).containsExactly(GoldenRequests.oneToSixteen());
  }

  @Test
  void readsSeldonSamples() {
    assertThat(read(GoldenRequests.irisJson()).inputs()).isEqualTo(GoldenRequests.iris().inputs());
    InferenceRequest sentiment = read(GoldenRequests.sentimentJson());
    assertThat(sentiment.parameters()).isEqualTo(Map.of("content_type", "str"));
    assertThat(sentiment.input("foo").asStrings()).containsExactly("I am good");
  }

  @Test
  void takesModelNameAndVersionFromThePathAndIdParametersAndOutputsFromTheBody() {
    String json =
        "{\"id\":\"req-1\",\"model_name\":\"ignored\",\"parameters\":{\"content_type\":\"np\","
            + "\"limit\":3,\"ratio\":0.5,\"flag\":true,\"nested\":{\"a\":[1,\"x\"]},\"gone\":null},"
            + "\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\","
            + "\"parameters\":{\"content_type\":\"np\"},\"data\":[1.5]}],"
            + "\"outputs\":[{\"name\":\"y\",\"parameters\":{\"binary_data\":true}},{\"name\":\"z\"}]}";

    InferenceRequest request =
        OipJson.readInferenceRequest(json.getBytes(StandardCharsets.UTF_8), -1, "model", "2");

    assertThat(request.modelName()).isEqualTo("model");
    assertThat(request.modelVersion()).isEqualTo("2");
    assertThat(request.id()).isEqualTo("req-1");
    assertThat(request.parameters())
        .containsOnly(
            Map.entry("content_type", "np"),
            Map.entry("limit", 3L),
            Map.entry("ratio", 0.5),
            Map.entry("flag", true),
            Map.entry("nested", Map.of("a", List.of(1L, "x"))));
    assertThat(request.input("x").parameters()).isEqualTo(Map.of("content_type", "np"));
    assertThat(request.outputs())
        .containsExactly(
            new RequestedOutput("y", Map.of("binary_data", true)), RequestedOutput.named("z"));
  }

  @Test
  void readsFieldsInAnyOrderIncludingDataBeforeDatatype() {
    String json =
        "{\"inputs\":[{\"data\":[[0.1,0.2]],\"shape\":[1,2],\"name\":\"x\",\"datatype\":\"FP32\"}]}";

    assertThat(read(json).inputs())
        .containsExactly(Tensor.ofFloats("x", new long[] {1, 2}, 0.1f, 0.2f));
  }

  @Test
  void readsFp32WithFloatPrecision() {
    // 16777217 is not a float; a float parse rounds it to 16777216 like numpy's float32 does.
    Tensor t = read("{\"inputs\":[{\"name\":\"x\",\"shape\":[2],\"datatype\":\"FP32\","
        + "\"data\":[0.1,16777217]}]}").input("x");

    assertThat(t.asFloats()).containsExactly(0.1f, 16777216f);
  }

  @Test
  void acceptsTheSpellingsOfNanAndInfinityThatClientsSend() {
    Tensor t = read("{\"inputs\":[{\"name\":\"x\",\"shape\":[5],\"datatype\":\"FP64\","
        + "\"data\":[NaN,\"NaN\",Infinity,\"-Infinity\",null]}]}").input("x");

    assertThat(t.asDoubles())
        .containsExactly(
            Double.NaN, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN);
  }

  @Test
  void readsAScalarAsOneElement() {
    Tensor t = read("{\"inputs\":[{\"name\":\"x\",\"shape\":[],\"datatype\":\"INT64\",\"data\":7}]}")
        .input("x");

    assertThat(t).isEqualTo(Tensors.of("x", Datatype.INT64, new long[0], 7L));
  }

  @Test
  void readsAnEmptyTensor() {
    Tensor t = read("{\"inputs\":[{\"name\":\"x\",\"shape\":[0,3],\"datatype\":\"FP16\",\"data\":[]}]}")
        .input("x");

    assertThat(t.elementCount()).isZero();
  }
}
