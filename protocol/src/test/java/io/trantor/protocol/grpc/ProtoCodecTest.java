package io.trantor.protocol.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InferenceRequest.RequestedOutput;
import io.trantor.protocol.InferenceResponse;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.ModelMetadata;
import io.trantor.protocol.RepositoryModel;
import io.trantor.protocol.ServerMetadata;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorMetadata;
import io.trantor.protocol.json.EncodedBody;
import io.trantor.protocol.json.OipJson;
import io.trantor.protocol.testing.EveryDatatype;
import io.trantor.protocol.testing.GoldenRequests;
import io.trantor.protocol.testing.Tensors;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProtoCodecTest {

  static Stream<EveryDatatype.Sample> samples() {
    return EveryDatatype.samples().stream();
  }

  private static InferenceRequest requestOf(Tensor... inputs) {
    return InferenceRequest.of("m", List.of(inputs));
  }

  private static ModelInferRequest.InferInputTensor.Builder input(String name, String datatype, long... shape) {
    ModelInferRequest.InferInputTensor.Builder in =
        ModelInferRequest.InferInputTensor.newBuilder().setName(name).setDatatype(datatype);
    for (long dim : shape) {
      in.addShape(dim);
    }
    return in;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void typedAndRawRequestsDecodeToTheSameTensor(EveryDatatype.Sample s) {
    InferenceRequest request = requestOf(s.tensor());

    ModelInferRequest raw = ProtoCodec.toProto(request, true);
    assertThat(raw.getRawInputContents(0).toByteArray()).isEqualTo(s.tensor().data().toRawBytes());
    assertThat(ProtoCodec.fromProto(raw)).isEqualTo(request);

    if (s.datatype() != Datatype.FP16) {
      ModelInferRequest typed = ProtoCodec.toProto(request, false);
      assertThat(typed.getRawInputContentsCount()).isZero();
      assertThat(ProtoCodec.fromProto(typed)).isEqualTo(request);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void typedAndRawResponsesDecodeToTheSameTensor(EveryDatatype.Sample s) {
    InferenceResponse response =
        new InferenceResponse("m", "2", "id", Map.of("p", true), List.of(s.tensor(), s.tensor().withName("u")));

    ModelInferResponse raw = ProtoCodec.toProto(response, true);
    ModelInferResponse typed = ProtoCodec.toProto(response, false);

    assertThat(raw.getRawOutputContentsCount()).isEqualTo(2);
    assertThat(ProtoCodec.fromProto(raw)).isEqualTo(response);
    assertThat(ProtoCodec.fromProto(typed)).isEqualTo(response);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void restJsonAndGrpcConvertIntoEachOtherWithoutLoss(EveryDatatype.Sample s) {
    String json =
        "{\"inputs\":[{\"name\":\"t\",\"datatype\":\"" + s.datatype() + "\",\"shape\":[2,2],"
            + "\"data\":" + s.flatJson() + "}]}";
    InferenceRequest fromRest =
        OipJson.readInferenceRequest(json.getBytes(StandardCharsets.UTF_8), -1, "m", null);

    for (boolean raw : new boolean[] {true, false}) {
      InferenceRequest viaGrpc = ProtoCodec.fromProto(ProtoCodec.toProto(fromRest, raw));
      assertThat(new String(OipJson.writeInferenceRequest(viaGrpc), StandardCharsets.UTF_8))
          .isEqualTo(json);
    }
  }

  @Test
  void putsEachDatatypeInItsTypedField() {
    InferenceRequest request =
        requestOf(
            Tensors.of("bool", Datatype.BOOL, new long[] {1}, 1),
            Tensors.of("int8", Datatype.INT8, new long[] {1}, -5),
            Tensors.of("uint16", Datatype.UINT16, new long[] {1}, 65535),
            Tensors.of("uint32", Datatype.UINT32, new long[] {1}, 0xFFFF_FFFF),
            Tensors.of("int64", Datatype.INT64, new long[] {1}, 7L),
            Tensors.of("uint64", Datatype.UINT64, new long[] {1}, -1L),
            Tensors.of("fp32", Datatype.FP32, new long[] {1}, 0.5f),
            Tensors.of("fp64", Datatype.FP64, new long[] {1}, 0.25),
            Tensors.strings("bytes", new long[] {1}, "hi"));

    ModelInferRequest proto = ProtoCodec.toProto(request, false);

    assertThat(proto.getInputs(0).getContents().getBoolContentsList()).containsExactly(true);
    assertThat(proto.getInputs(1).getContents().getIntContentsList()).containsExactly(-5);
    assertThat(proto.getInputs(2).getContents().getUintContentsList()).containsExactly(65535);
    assertThat(Integer.toUnsignedLong(proto.getInputs(3).getContents().getUintContents(0)))
        .isEqualTo(4294967295L);
    assertThat(proto.getInputs(4).getContents().getInt64ContentsList()).containsExactly(7L);
    assertThat(Long.toUnsignedString(proto.getInputs(5).getContents().getUint64Contents(0)))
        .isEqualTo("18446744073709551615");
    assertThat(proto.getInputs(6).getContents().getFp32ContentsList()).containsExactly(0.5f);
    assertThat(proto.getInputs(7).getContents().getFp64ContentsList()).containsExactly(0.25);
    assertThat(proto.getInputs(8).getContents().getBytesContents(0).toStringUtf8()).isEqualTo("hi");
  }

  @Test
  void decodesTheSimpleRequestTypedAndRaw() {
    assertThat(ProtoCodec.fromProto(GoldenRequests.simpleProto())).isEqualTo(GoldenRequests.simple());
    assertThat(ProtoCodec.fromProto(GoldenRequests.simpleProtoRaw())).isEqualTo(GoldenRequests.simple());
  }

  @Test
  void rawContentsWinWhenAMessageCarriesBoth() {
    ByteString zeros = ByteString.copyFrom(new byte[64]);
    ModelInferRequest both =
        GoldenRequests.simpleProto().toBuilder()
            .addRawInputContents(zeros)
            .addRawInputContents(zeros)
            .build();

    InferenceRequest request = ProtoCodec.fromProto(both);

    assertThat(request.input("INPUT0").asInts()).containsOnly(0);
  }

  @Test
  void encodesAResponseWithAnFp16OutputEntirelyRaw() {
    InferenceResponse response =
        new InferenceResponse(
            "m",
            null,
            null,
            Map.of(),
            List.of(
                Tensor.ofInts("a", new long[] {1}, 3),
                Tensors.of("h", Datatype.FP16, new long[] {2}, 0.5f, -1f)));

    ModelInferResponse proto = ProtoCodec.toProto(response, false);

    assertThat(proto.getRawOutputContentsCount()).isEqualTo(2);
    assertThat(proto.getOutputs(0).hasContents()).isFalse();
    assertThat(ProtoCodec.fromProto(proto)).isEqualTo(response);
  }

  @Test
  void treatsEmptyVersionAndIdAsAbsentAndConvertsParameters() {
    ModelInferRequest proto =
        ModelInferRequest.newBuilder()
            .setModelName("m")
            .putParameters("content_type", InferParameter.newBuilder().setStringParam("np").build())
            .putParameters("n", InferParameter.newBuilder().setInt64Param(3).build())
            .putParameters("flag", InferParameter.newBuilder().setBoolParam(true).build())
            .putParameters("unset", InferParameter.getDefaultInstance())
            .addOutputs(
                ModelInferRequest.InferRequestedOutputTensor.newBuilder()
                    .setName("y")
                    .putParameters("binary_data", InferParameter.newBuilder().setBoolParam(true).build()))
            .build();

    InferenceRequest request = ProtoCodec.fromProto(proto);

    assertThat(request.modelVersion()).isNull();
    assertThat(request.id()).isNull();
    assertThat(request.parameters()).isEqualTo(Map.of("content_type", "np", "n", 3L, "flag", true));
    assertThat(request.outputs()).containsExactly(new RequestedOutput("y", Map.of("binary_data", true)));
  }

  @Test
  void sendsParametersWithoutAProtoTypeAsStrings() {
    InferenceRequest request =
        new InferenceRequest(
            "m",
            "1",
            "r",
            Map.of("i", 4, "d", 0.5, "list", List.of(1L, "a"), "map", Map.of("k", true)),
            List.of(),
            List.of());

    ModelInferRequest proto = ProtoCodec.toProto(request, false);

    assertThat(proto.getModelVersion()).isEqualTo("1");
    assertThat(proto.getId()).isEqualTo("r");
    assertThat(proto.getParametersMap().get("i").getInt64Param()).isEqualTo(4L);
    assertThat(proto.getParametersMap().get("d").getStringParam()).isEqualTo("0.5");
    assertThat(proto.getParametersMap().get("list").getStringParam()).isEqualTo("[1,\"a\"]");
    assertThat(proto.getParametersMap().get("map").getStringParam()).isEqualTo("{\"k\":true}");
  }

  record BadProto(String problem, ModelInferRequest request, String... expectedFragments) {
    @Override
    public String toString() {
      return problem;
    }
  }

  static Stream<BadProto> badRequests() {
    InferTensorContents.Builder c = InferTensorContents.newBuilder();
    return Stream.of(
        new BadProto(
            "typed FP16",
            ModelInferRequest.newBuilder()
                .addInputs(input("half", "FP16", 1).setContents(InferTensorContents.newBuilder().addFp32Contents(1f)))
                .build(),
            "tensor 'half'", "FP16 has no typed contents field; send it in raw_input_contents"),
        new BadProto(
            "FP16 without any contents",
            ModelInferRequest.newBuilder().addInputs(input("half", "FP16", 2)).build(),
            "tensor 'half'", "raw_input_contents"),
        new BadProto(
            "raw entry count differs from input count",
            ModelInferRequest.newBuilder()
                .addInputs(input("a", "INT8", 1))
                .addInputs(input("b", "INT8", 1))
                .addRawInputContents(ByteString.copyFrom(new byte[] {1}))
                .build(),
            "raw_input_contents has 1 entries but the message has 2 inputs"),
        new BadProto(
            "INT8 out of range",
            ModelInferRequest.newBuilder()
                .addInputs(input("small", "INT8", 2).setContents(c.clone().addIntContents(1).addIntContents(200)))
                .build(),
            "tensor 'small'", "value 200 at element 1", "out of range for INT8 (-128 to 127)"),
        new BadProto(
            "UINT16 out of range",
            ModelInferRequest.newBuilder()
                .addInputs(input("u", "UINT16", 1).setContents(c.clone().addUintContents(70000)))
                .build(),
            "tensor 'u'", "value 70000", "UINT16 (0 to 65535)"),
        new BadProto(
            "UINT8 sent as a negative int32",
            ModelInferRequest.newBuilder()
                .addInputs(input("u", "UINT8", 1).setContents(c.clone().addUintContents(-1)))
                .build(),
            "tensor 'u'", "value 4294967295", "UINT8 (0 to 255)"),
        new BadProto(
            "values in the wrong typed field",
            ModelInferRequest.newBuilder()
                .addInputs(input("x", "INT32", 1).setContents(c.clone().addFp32Contents(1f)))
                .build(),
            "tensor 'x'", "INT32 takes int_contents, but fp32_contents has values"),
        new BadProto(
            "unknown datatype",
            ModelInferRequest.newBuilder().addInputs(input("x", "FLOAT32", 1)).build(),
            "tensor 'x'", "unknown datatype 'FLOAT32'"),
        new BadProto(
            "too few typed values for the shape",
            ModelInferRequest.newBuilder()
                .addInputs(input("x", "FP64", 3).setContents(c.clone().addFp64Contents(1)))
                .build(),
            "tensor 'x'", "shape [3] has 3 elements but 1 were given"),
        new BadProto(
            "raw bytes not a multiple of the element size",
            ModelInferRequest.newBuilder()
                .addInputs(input("x", "INT32", 1))
                .addRawInputContents(ByteString.copyFrom(new byte[] {1, 2, 3}))
                .build(),
            "tensor 'x'", "3 raw bytes is not a multiple of 4"),
        new BadProto(
            "input without a name",
            ModelInferRequest.newBuilder().addInputs(input("", "INT32", 0)).build(),
            "a tensor has no name"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void rejectsMalformedRequestsNamingTheTensor(BadProto bad) {
    assertThatThrownBy(() -> ProtoCodec.fromProto(bad.request()))
        .isInstanceOf(InvalidInputException.class)
        .message()
        .contains(List.of(bad.expectedFragments()));
  }

  @Test
  void convertsMetadataAndTheRepositoryIndex() {
    ModelMetadata metadata =
        new ModelMetadata(
            "iris_1",
            List.of("1"),
            "sklearn",
            List.of(TensorMetadata.of("predict", Datatype.FP32, -1, 4)),
            List.of(TensorMetadata.of("predict", Datatype.INT64, -1, 1)),
            Map.of("content_type", "np"));

    ModelMetadataResponse proto = ProtoCodec.toProto(metadata);

    assertThat(proto.getName()).isEqualTo("iris_1");
    assertThat(proto.getVersionsList()).containsExactly("1");
    assertThat(proto.getPlatform()).isEqualTo("sklearn");
    assertThat(proto.getInputs(0).getDatatype()).isEqualTo("FP32");
    assertThat(proto.getInputs(0).getShapeList()).containsExactly(-1L, 4L);
    assertThat(proto.getOutputs(0).getDatatype()).isEqualTo("INT64");
    assertThat(proto.getParametersMap().get("content_type").getStringParam()).isEqualTo("np");

    ServerMetadataResponse server =
        ProtoCodec.toProto(new ServerMetadata("trantor", "0.1.0", List.of("model_repository")));
    assertThat(server.getName()).isEqualTo("trantor");
    assertThat(server.getVersion()).isEqualTo("0.1.0");
    assertThat(server.getExtensionsList()).containsExactly("model_repository");

    RepositoryIndexResponse index =
        ProtoCodec.toProto(List.of(new RepositoryModel("iris_1", "1", "READY", null)));
    assertThat(index.getModels(0).getName()).isEqualTo("iris_1");
    assertThat(index.getModels(0).getVersion()).isEqualTo("1");
    assertThat(index.getModels(0).getState()).isEqualTo("READY");
    assertThat(index.getModels(0).getReason()).isEmpty();
  }

  @Test
  void aBinaryRestResponseAndARawGrpcResponseCarryTheSameBytes() {
    InferenceRequest binary =
        new InferenceRequest("simple", null, null, Map.of("binary_data_output", true), List.of(), List.of());
    EncodedBody rest = OipJson.writeInferenceResponse(GoldenRequests.simpleResponse(), binary);
    ModelInferResponse grpc = ProtoCodec.toProto(GoldenRequests.simpleResponse(), true);

    byte[] restBinary = Arrays.copyOfRange(rest.bytes(), rest.jsonLength(), rest.bytes().length);

    assertThat(restBinary)
        .isEqualTo(grpc.getRawOutputContents(0).concat(grpc.getRawOutputContents(1)).toByteArray());
  }
}
