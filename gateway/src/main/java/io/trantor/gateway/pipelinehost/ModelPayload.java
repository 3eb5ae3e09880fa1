package io.trantor.gateway.pipelinehost;

import com.google.protobuf.InvalidProtocolBufferException;
import io.trantor.kafka.RecordHeaders;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InferenceResponse;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.grpc.ModelInferRequest;
import io.trantor.protocol.grpc.ModelInferResponse;
import io.trantor.protocol.grpc.ProtoCodec;
import io.trantor.protocol.json.OipJson;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A model input record's value as a request (reference §4.4): protobuf ModelInferRequest, or a
 * ModelInferResponse of an upstream step whose outputs become the inputs, or the JSON forms of
 * either, which external producers may write. {@code seldon-infer-type} decides when present.
 *
 * @param request what to send to the model
 * @param json    the record was JSON, so the answer is written as JSON too
 * @param jsonRequest the JSON request as read (to encode the answer as the caller asked), or null
 */
record ModelPayload(ModelInferRequest request, boolean json, InferenceRequest jsonRequest) {

  static ModelPayload decode(String model, byte[] value, Headers headers) {
    if (value == null) {
      throw new InvalidInputException("the record has no value");
    }
    Header typeHeader = headers.lastHeader(RecordHeaders.INFER_TYPE);
    String type = typeHeader == null ? "" : new String(typeHeader.value(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    if (type.startsWith("json")) {
      return fromJson(model, value, type.contains("response"));
    }
    if (type.startsWith("proto")) {
      return fromProto(model, value, type.contains("response"));
    }
    // No type: a JSON object starts with '{' (0x7b), which no real protobuf ModelInferRequest or
    // ModelInferResponse does (they start with low field numbers), so JSON can be told apart first.
    if (startsWithBrace(value)) {
      try {
        return fromJson(model, value, false);
      } catch (InvalidInputException notARequest) {
        return fromJson(model, value, true);
      }
    }
    return fromProtoGuessing(model, value);
  }

  private static ModelPayload fromJson(String model, byte[] value, boolean response) {
    if (response) {
      InferenceResponse answer = OipJson.readInferenceResponse(value, -1);
      InferenceRequest request = InferenceRequest.of(model, answer.outputs());
      return new ModelPayload(ProtoCodec.toProto(request, false), true, request);
    }
    InferenceRequest request = OipJson.readInferenceRequest(value, -1, model, null);
    return new ModelPayload(ProtoCodec.toProto(request, false), true, request);
  }

  private static ModelPayload fromProto(String model, byte[] value, boolean response) {
    try {
      ModelInferRequest request = response ? asRequest(ModelInferResponse.parseFrom(value)) : ModelInferRequest.parseFrom(value);
      return new ModelPayload(request.toBuilder().setModelName(model).build(), false, null);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidInputException("the record is not a protobuf " + (response ? "ModelInferResponse" : "ModelInferRequest"), e);
    }
  }

  /**
   * Without a type header, a request and a response look alike on the wire up to field 5; a
   * response carrying raw output contents (field 6) is what tells them apart.
   */
  private static ModelPayload fromProtoGuessing(String model, byte[] value) {
    ModelInferResponse asResponse = null;
    try {
      asResponse = ModelInferResponse.parseFrom(value);
    } catch (InvalidProtocolBufferException ignored) {
      // not a response; try a request
    }
    if (asResponse != null && asResponse.getRawOutputContentsCount() > 0) {
      return new ModelPayload(asRequest(asResponse).toBuilder().setModelName(model).build(), false, null);
    }
    try {
      ModelInferRequest request = ModelInferRequest.parseFrom(value);
      if (request.getInputsCount() > 0) {
        return new ModelPayload(request.toBuilder().setModelName(model).build(), false, null);
      }
    } catch (InvalidProtocolBufferException ignored) {
      // neither
    }
    if (asResponse != null && asResponse.getOutputsCount() > 0) {
      return new ModelPayload(asRequest(asResponse).toBuilder().setModelName(model).build(), false, null);
    }
    throw new InvalidInputException("the record is neither an OIP request nor a response (protobuf or JSON)");
  }

  /** An upstream step's answer as the next step's request: outputs become inputs of the same names. */
  static ModelInferRequest asRequest(ModelInferResponse response) {
    ModelInferRequest.Builder b = ModelInferRequest.newBuilder()
        .setId(response.getId())
        .putAllParameters(response.getParametersMap());
    for (ModelInferResponse.InferOutputTensor out : response.getOutputsList()) {
      ModelInferRequest.InferInputTensor.Builder in = ModelInferRequest.InferInputTensor.newBuilder()
          .setName(out.getName())
          .setDatatype(out.getDatatype())
          .addAllShape(out.getShapeList())
          .putAllParameters(out.getParametersMap());
      if (out.hasContents()) {
        in.setContents(out.getContents());
      }
      b.addInputs(in);
    }
    b.addAllRawInputContents(response.getRawOutputContentsList());
    return b.build();
  }

  /** The model's answer as the output record's value, in the form the input came in. */
  byte[] encode(ModelInferResponse response) {
    if (!json) {
      return response.toByteArray();
    }
    return OipJson.writeInferenceResponse(ProtoCodec.fromProto(response), jsonRequest).bytes();
  }

  private static boolean startsWithBrace(byte[] value) {
    for (byte b : value) {
      if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
        continue;
      }
      return b == '{';
    }
    return false;
  }
}
