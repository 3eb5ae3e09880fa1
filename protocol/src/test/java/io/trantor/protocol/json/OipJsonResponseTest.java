package io.trantor.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceResponse;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.ModelMetadata;
import io.trantor.protocol.RepositoryModel;
import io.trantor.protocol.ServerMetadata;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorMetadata;
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

class OipJsonResponseTest {

  private static String json(InferenceResponse response) {
    EncodedBody body = OipJson.writeInferenceResponse(response, null);
    assertThat(body.hasBinaryPart()).isFalse();
    return new String(body.bytes(), StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static Stream<EveryDatatype.Sample> samples() {
    return EveryDatatype.samples().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void writesFlatDataOfEveryDatatype(EveryDatatype.Sample s) {
    InferenceResponse response = new InferenceResponse("m", null, null, Map.of(), List.of(s.tensor()));

    String json = json(response);

    assertThat(json)
        .isEqualTo(
            "{\"model_name\":\"m\",\"outputs\":[{\"name\":\"t\",\"datatype\":\"" + s.datatype()
                + "\",\"shape\":[2,2],\"data\":" + s.flatJson() + "}]}");
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    assertThat(OipJson.readInferenceResponse(bytes, -1)).isEqualTo(response);
  }

  @Test
  void writesTheSimpleModelResponse() {
    assertThat(json(GoldenRequests.simpleResponse())).isEqualTo(GoldenRequests.simpleResponseJson());
  }

  @Test
  void writesVersionIdAndParametersOnlyWhenPresent() {
    Tensor scores =
        Tensors.withParameters(Tensor.ofFloats("p", new long[] {1}, 0.1f), Map.of("content_type", "np"));
    InferenceResponse response =
        new InferenceResponse("iris_1", "1", "abc", Map.of("content_type", "np", "n", 2L), List.of(scores));

    assertThat(json(response))
        .isEqualTo(
            "{\"model_name\":\"iris_1\",\"model_version\":\"1\",\"id\":\"abc\","
                + "\"parameters\":{\"content_type\":\"np\",\"n\":2},\"outputs\":["
                + "{\"name\":\"p\",\"datatype\":\"FP32\",\"shape\":[1],"
                + "\"parameters\":{\"content_type\":\"np\"},\"data\":[0.1]}]}");
  }

  @Test
  void writesNanAsAStringThatReadsBack() {
    InferenceResponse response =
        new InferenceResponse(
            "m", null, null, Map.of(), List.of(Tensor.ofFloats("x", new long[] {2}, Float.NaN, 1f)));

    String json = json(response);

    assertThat(json).contains("\"data\":[\"NaN\",1.0]");
    assertThat(OipJson.readInferenceResponse(json.getBytes(StandardCharsets.UTF_8), -1))
        .isEqualTo(response);
  }

  @Test
  void writesBytesThatAreNotUtf8AsBase64AndSaysSo() {
    Tensor blob = Tensors.bytes("blob", new long[] {2}, new byte[] {(byte) 0xFF, 0}, new byte[] {'h', 'i'});

    String json = json(new InferenceResponse("m", null, null, Map.of(), List.of(blob)));

    assertThat(json)
        .isEqualTo(
            "{\"model_name\":\"m\",\"outputs\":[{\"name\":\"blob\",\"datatype\":\"BYTES\",\"shape\":[2],"
                + "\"parameters\":{\"content_type\":\"base64\"},\"data\":[\"/wA=\",\"aGk=\"]}]}");
  }

  @Test
  void escapesStringsAsJsonRequires() {
    Tensor s = Tensors.strings("s", new long[] {1}, "say \"hi\"\n");

    assertThat(json(new InferenceResponse("m", null, null, Map.of(), List.of(s))))
        .contains("\"data\":[\"say \\\"hi\\\"\\n\"]");
  }

  @Test
  void writesModelMetadataLikeTriton() {
    ModelMetadata metadata =
        new ModelMetadata(
            "tfsimple1_1",
            List.of("1"),
            "tensorflow_graphdef",
            List.of(TensorMetadata.of("INPUT0", Datatype.INT32, -1, 16)),
            List.of(
                new TensorMetadata(
                    "OUTPUT0", Datatype.INT32, new long[] {-1, 16}, Map.of("content_type", "np"))),
            Map.of());

    assertThat(text(OipJson.writeModelMetadata(metadata)))
        .isEqualTo(
            "{\"name\":\"tfsimple1_1\",\"versions\":[\"1\"],\"platform\":\"tensorflow_graphdef\","
                + "\"inputs\":[{\"name\":\"INPUT0\",\"datatype\":\"INT32\",\"shape\":[-1,16]}],"
                + "\"outputs\":[{\"name\":\"OUTPUT0\",\"datatype\":\"INT32\",\"shape\":[-1,16],"
                + "\"parameters\":{\"content_type\":\"np\"}}]}");
  }

  @Test
  void writesServerMetadata() {
    ServerMetadata metadata = new ServerMetadata("trantor", "0.1.0", List.of("binary_tensor_data"));

    assertThat(text(OipJson.writeServerMetadata(metadata)))
        .isEqualTo("{\"name\":\"trantor\",\"version\":\"0.1.0\",\"extensions\":[\"binary_tensor_data\"]}");
  }

  @Test
  void writesErrorsAsTheOipErrorObject() {
    assertThat(text(OipJson.writeError("tensor 'x': \"bad\"")))
        .isEqualTo("{\"error\":\"tensor 'x': \\\"bad\\\"\"}");
  }

  @Test
  void writesTheRepositoryIndexAsTritonsArrayWithoutEmptyFields() {
    List<RepositoryModel> models =
        List.of(
            new RepositoryModel("simple", "1", "READY", ""),
            new RepositoryModel("iris", "", "UNAVAILABLE", "unloaded"));

    assertThat(text(OipJson.writeRepositoryIndex(models)))
        .isEqualTo(
            "[{\"name\":\"simple\",\"version\":\"1\",\"state\":\"READY\"},"
                + "{\"name\":\"iris\",\"state\":\"UNAVAILABLE\",\"reason\":\"unloaded\"}]");
    assertThat(text(OipJson.writeRepositoryIndex(List.of()))).isEqualTo("[]");
  }

  @Test
  void readsTheReadyFlagOfARepositoryIndexRequest() {
    assertThat(OipJson.readRepositoryIndexReadyFlag(new byte[0])).isFalse();
    assertThat(OipJson.readRepositoryIndexReadyFlag(" \n".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(OipJson.readRepositoryIndexReadyFlag("{}".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(OipJson.readRepositoryIndexReadyFlag(
        "{\"repository_name\":\"\",\"ready\":true}".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThatThrownBy(
            () -> OipJson.readRepositoryIndexReadyFlag("{\"ready\":\"yes\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("'ready' must be true or false, found a string");
  }

  @Test
  void readsAResponseWithNoVersionAsNull() {
    InferenceResponse response =
        OipJson.readInferenceResponse(
            "{\"model_name\":\"\",\"outputs\":[]}".getBytes(StandardCharsets.UTF_8), -1);

    assertThat(response.modelName()).isEmpty();
    assertThat(response.modelVersion()).isNull();
    assertThat(response.id()).isNull();
    assertThat(response.outputs()).isEmpty();
  }
}
