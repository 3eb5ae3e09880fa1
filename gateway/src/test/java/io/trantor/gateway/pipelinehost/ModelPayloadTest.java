package io.trantor.gateway.pipelinehost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.grpc.InferTensorContents;
import io.trantor.protocol.grpc.ModelInferRequest;
import io.trantor.protocol.grpc.ModelInferResponse;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class ModelPayloadTest {
  private static final String JSON_REQUEST =
      "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[1.0,2.0]}]}";
  private static final String JSON_RESPONSE =
      "{\"model_name\":\"up\",\"outputs\":[{\"name\":\"y\",\"shape\":[1],\"datatype\":\"INT64\",\"data\":[3]}]}";

  private static RecordHeaders typed(String type) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(io.trantor.kafka.RecordHeaders.INFER_TYPE, type.getBytes(StandardCharsets.UTF_8));
    return headers;
  }

  @Test
  void readsAProtobufRequestWithoutATypeHeader() {
    ModelInferRequest request = ModelInferRequest.newBuilder().setModelName("other")
        .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("x").setDatatype("FP32").addShape(1)
            .setContents(InferTensorContents.newBuilder().addFp32Contents(1f)))
        .build();

    ModelPayload payload = ModelPayload.decode("iris", request.toByteArray(), new RecordHeaders());

    assertThat(payload.json()).isFalse();
    assertThat(payload.request().getModelName()).isEqualTo("iris");
    assertThat(payload.request().getInputs(0).getContents().getFp32ContentsList()).containsExactly(1f);
  }

  @Test
  void anUpstreamResponseWithRawContentsBecomesTheRequestWithoutATypeHeader() {
    ModelInferResponse response = ModelInferResponse.newBuilder()
        .addOutputs(ModelInferResponse.InferOutputTensor.newBuilder().setName("y").setDatatype("UINT8").addShape(3))
        .addRawOutputContents(ByteString.copyFrom(new byte[] {1, 2, 3}))
        .build();

    ModelInferRequest request = ModelPayload.decode("iris", response.toByteArray(), new RecordHeaders()).request();

    assertThat(request.getInputs(0).getName()).isEqualTo("y");
    assertThat(request.getInputs(0).getShapeList()).containsExactly(3L);
    assertThat(request.getRawInputContents(0).toByteArray()).containsExactly(1, 2, 3);
  }

  @Test
  void jsonRequestsAndResponsesAreReadAndAnsweredAsJson() {
    ModelPayload request = ModelPayload.decode("iris", JSON_REQUEST.getBytes(StandardCharsets.UTF_8), new RecordHeaders());
    ModelPayload response = ModelPayload.decode("iris", JSON_RESPONSE.getBytes(StandardCharsets.UTF_8), typed("json/inferModelResponse"));

    assertThat(request.json()).isTrue();
    assertThat(request.request().getInputs(0).getName()).isEqualTo("x");
    assertThat(response.request().getInputs(0).getName()).isEqualTo("y");
    assertThat(response.request().getInputs(0).getContents().getInt64ContentsList()).containsExactly(3L);

    ModelInferResponse answer = ModelInferResponse.newBuilder().setModelName("iris_1")
        .addOutputs(ModelInferResponse.InferOutputTensor.newBuilder().setName("z").setDatatype("FP32").addShape(1)
            .setContents(InferTensorContents.newBuilder().addFp32Contents(0.5f)))
        .build();
    assertThat(new String(request.encode(answer), StandardCharsets.UTF_8)).contains("\"model_name\":\"iris_1\"", "\"name\":\"z\"");
  }

  @Test
  void rejectsWhatIsNeitherJsonNorProtobuf() {
    assertThatThrownBy(() -> ModelPayload.decode("iris", "hello".getBytes(StandardCharsets.UTF_8), new RecordHeaders()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("the record is neither an OIP request nor a response (protobuf or JSON)");
    assertThatThrownBy(() -> ModelPayload.decode("iris", "{\"inputs\": 7".getBytes(StandardCharsets.UTF_8), typed("json/inferModelRequest")))
        .isInstanceOf(InvalidInputException.class);
  }
}
