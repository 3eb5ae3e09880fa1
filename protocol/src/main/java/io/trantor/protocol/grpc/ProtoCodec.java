package io.trantor.protocol.grpc;

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
import java.util.ArrayList;
import java.util.List;

/**
 * Converts between the generated OIP gRPC messages and the protocol records, without loss: typed
 * contents and raw contents (little-endian, BYTES 4-byte-length-prefixed) both decode to the same
 * {@link io.trantor.protocol.Tensor}. Malformed messages are
 * {@link io.trantor.protocol.InvalidInputException}s naming the tensor.
 */
public final class ProtoCodec {
  private ProtoCodec() {}

  /** Decodes a request; raw contents win when a message carries both raw and typed contents. */
  public static InferenceRequest fromProto(ModelInferRequest request) {
    int rawCount = request.getRawInputContentsCount();
    checkRawCount(rawCount, request.getInputsCount(), "raw_input_contents", "inputs");
    List<Tensor> inputs = new ArrayList<>(request.getInputsCount());
    for (int i = 0; i < request.getInputsCount(); i++) {
      ModelInferRequest.InferInputTensor in = request.getInputs(i);
      inputs.add(
          ProtoTensorDecoder.decode(
              in.getName(),
              in.getDatatype(),
              in.getShapeList(),
              in.getParametersMap(),
              in.getContents(),
              rawCount > 0 ? request.getRawInputContents(i) : null,
              "raw_input_contents"));
    }
    List<RequestedOutput> outputs = new ArrayList<>(request.getOutputsCount());
    for (ModelInferRequest.InferRequestedOutputTensor out : request.getOutputsList()) {
      outputs.add(
          new RequestedOutput(out.getName(), ProtoParameters.fromProto(out.getParametersMap())));
    }
    return new InferenceRequest(
        request.getModelName(),
        emptyToNull(request.getModelVersion()),
        emptyToNull(request.getId()),
        ProtoParameters.fromProto(request.getParametersMap()),
        inputs,
        outputs);
  }

  /**
   * Encodes a request with typed contents, or with {@code raw_input_contents} when {@code raw}. A
   * request with an FP16 input is always encoded raw: FP16 has no typed field and the raw list
   * must cover every input or none.
   */
  public static ModelInferRequest toProto(InferenceRequest request, boolean raw) {
    boolean allRaw = raw || hasFp16(request.inputs());
    ModelInferRequest.Builder b =
        ModelInferRequest.newBuilder()
            .setModelName(nullToEmpty(request.modelName()))
            .setModelVersion(nullToEmpty(request.modelVersion()))
            .setId(nullToEmpty(request.id()))
            .putAllParameters(ProtoParameters.toProto(request.parameters()));
    for (Tensor t : request.inputs()) {
      ModelInferRequest.InferInputTensor.Builder in =
          ModelInferRequest.InferInputTensor.newBuilder()
              .setName(t.name())
              .setDatatype(t.datatype().name())
              .putAllParameters(ProtoParameters.toProto(t.parameters()));
      for (long dim : t.shape()) {
        in.addShape(dim);
      }
      if (allRaw) {
        b.addRawInputContents(ProtoTensorEncoder.raw(t));
      } else {
        in.setContents(ProtoTensorEncoder.typed(t));
      }
      b.addInputs(in);
    }
    for (RequestedOutput out : request.outputs()) {
      b.addOutputs(
          ModelInferRequest.InferRequestedOutputTensor.newBuilder()
              .setName(out.name())
              .putAllParameters(ProtoParameters.toProto(out.parameters())));
    }
    return b.build();
  }

  /**
   * Encodes a response with typed contents, or with {@code raw_output_contents} when {@code raw}
   * (Triton answers raw; FP16 always goes raw since it has no typed field).
   */
  public static ModelInferResponse toProto(InferenceResponse response, boolean raw) {
    boolean allRaw = raw || hasFp16(response.outputs());
    ModelInferResponse.Builder b =
        ModelInferResponse.newBuilder()
            .setModelName(nullToEmpty(response.modelName()))
            .setModelVersion(nullToEmpty(response.modelVersion()))
            .setId(nullToEmpty(response.id()))
            .putAllParameters(ProtoParameters.toProto(response.parameters()));
    for (Tensor t : response.outputs()) {
      ModelInferResponse.InferOutputTensor.Builder out =
          ModelInferResponse.InferOutputTensor.newBuilder()
              .setName(t.name())
              .setDatatype(t.datatype().name())
              .putAllParameters(ProtoParameters.toProto(t.parameters()));
      for (long dim : t.shape()) {
        out.addShape(dim);
      }
      if (allRaw) {
        b.addRawOutputContents(ProtoTensorEncoder.raw(t));
      } else {
        out.setContents(ProtoTensorEncoder.typed(t));
      }
      b.addOutputs(out);
    }
    return b.build();
  }

  public static InferenceResponse fromProto(ModelInferResponse response) {
    int rawCount = response.getRawOutputContentsCount();
    checkRawCount(rawCount, response.getOutputsCount(), "raw_output_contents", "outputs");
    List<Tensor> outputs = new ArrayList<>(response.getOutputsCount());
    for (int i = 0; i < response.getOutputsCount(); i++) {
      ModelInferResponse.InferOutputTensor out = response.getOutputs(i);
      outputs.add(
          ProtoTensorDecoder.decode(
              out.getName(),
              out.getDatatype(),
              out.getShapeList(),
              out.getParametersMap(),
              out.getContents(),
              rawCount > 0 ? response.getRawOutputContents(i) : null,
              "raw_output_contents"));
    }
    return new InferenceResponse(
        response.getModelName(),
        emptyToNull(response.getModelVersion()),
        emptyToNull(response.getId()),
        ProtoParameters.fromProto(response.getParametersMap()),
        outputs);
  }

  public static ModelMetadataResponse toProto(ModelMetadata metadata) {
    ModelMetadataResponse.Builder b =
        ModelMetadataResponse.newBuilder()
            .setName(nullToEmpty(metadata.name()))
            .addAllVersions(metadata.versions())
            .setPlatform(nullToEmpty(metadata.platform()))
            .putAllParameters(ProtoParameters.toProto(metadata.parameters()));
    for (TensorMetadata t : metadata.inputs()) {
      b.addInputs(toProto(t));
    }
    for (TensorMetadata t : metadata.outputs()) {
      b.addOutputs(toProto(t));
    }
    return b.build();
  }

  public static ServerMetadataResponse toProto(ServerMetadata metadata) {
    return ServerMetadataResponse.newBuilder()
        .setName(nullToEmpty(metadata.name()))
        .setVersion(nullToEmpty(metadata.version()))
        .addAllExtensions(metadata.extensions())
        .build();
  }

  public static RepositoryIndexResponse toProto(List<RepositoryModel> models) {
    RepositoryIndexResponse.Builder b = RepositoryIndexResponse.newBuilder();
    for (RepositoryModel m : models) {
      b.addModels(
          RepositoryIndexResponse.ModelIndex.newBuilder()
              .setName(nullToEmpty(m.name()))
              .setVersion(nullToEmpty(m.version()))
              .setState(nullToEmpty(m.state()))
              .setReason(nullToEmpty(m.reason())));
    }
    return b.build();
  }

  private static ModelMetadataResponse.TensorMetadata toProto(TensorMetadata t) {
    ModelMetadataResponse.TensorMetadata.Builder b =
        ModelMetadataResponse.TensorMetadata.newBuilder()
            .setName(t.name())
            .setDatatype(t.datatype().name())
            .putAllParameters(ProtoParameters.toProto(t.parameters()));
    for (long dim : t.shape()) {
      b.addShape(dim);
    }
    return b.build();
  }

  private static void checkRawCount(
      int rawCount, int tensorCount, String rawField, String tensors) {
    if (rawCount > 0 && rawCount != tensorCount) {
      throw new InvalidInputException(
          rawField + " has " + rawCount + " entries but the message has " + tensorCount + " "
              + tensors + "; send one entry per tensor, in the same order");
    }
  }

  private static boolean hasFp16(List<Tensor> tensors) {
    for (Tensor t : tensors) {
      if (t.datatype() == Datatype.FP16) {
        return true;
      }
    }
    return false;
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
