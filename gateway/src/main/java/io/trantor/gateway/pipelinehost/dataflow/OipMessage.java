package io.trantor.gateway.pipelinehost.dataflow;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.trantor.gateway.pipelinehost.plan.Payload;
import io.trantor.protocol.grpc.ModelInferRequest;
import io.trantor.protocol.grpc.ModelInferResponse;
import io.trantor.protocol.grpc.ModelInferResponse.InferOutputTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tensors of one record, whichever topic it came from. Requests and responses have the same tensor
 * fields (name, datatype, shape, parameters, contents) under the same protobuf field numbers, so the
 * message is held as a {@link ModelInferResponse} and converted at the edges: a model's outputs become the
 * next model's inputs (Seldon's outputs-to-inputs chain), and a request can be echoed as a response.
 * Raw contents stay index-aligned with their tensors through selection and concatenation.
 */
record OipMessage(ModelInferResponse body) {

  static OipMessage decode(byte[] value, Payload payload) throws InvalidProtocolBufferException {
    return switch (payload) {
      case RESPONSE -> new OipMessage(ModelInferResponse.parseFrom(value));
      case REQUEST -> new OipMessage(fromRequest(ModelInferRequest.parseFrom(value)));
      case ERROR_TEXT -> throw new IllegalArgumentException("error text is not an OIP message");
    };
  }

  byte[] encode(Payload payload) {
    return switch (payload) {
      case RESPONSE -> body.toByteArray();
      case REQUEST -> toRequest(body).toByteArray();
      case ERROR_TEXT -> throw new IllegalArgumentException("an OIP message is not error text");
    };
  }

  boolean isEmpty() {
    return body.getOutputsCount() == 0;
  }

  List<String> tensorNames() {
    return body.getOutputsList().stream().map(InferOutputTensor::getName).toList();
  }

  /** Keeps the named tensors, in the message's order; an empty list keeps all. */
  OipMessage select(List<String> names) {
    if (names.isEmpty()) {
      return this;
    }
    ModelInferResponse.Builder out = body.toBuilder().clearOutputs().clearRawOutputContents();
    boolean raw = body.getRawOutputContentsCount() > 0;
    for (int i = 0; i < body.getOutputsCount(); i++) {
      if (names.contains(body.getOutputs(i).getName())) {
        out.addOutputs(body.getOutputs(i));
        if (raw && i < body.getRawOutputContentsCount()) {
          out.addRawOutputContents(body.getRawOutputContents(i));
        }
      }
    }
    return new OipMessage(out.build());
  }

  /** Renames tensors: old name to new name; unnamed tensors keep theirs. */
  OipMessage rename(Map<String, String> renames) {
    if (renames.isEmpty()) {
      return this;
    }
    ModelInferResponse.Builder out = body.toBuilder();
    for (int i = 0; i < out.getOutputsCount(); i++) {
      String target = renames.get(out.getOutputs(i).getName());
      if (target != null) {
        out.setOutputs(i, out.getOutputs(i).toBuilder().setName(target));
      }
    }
    return new OipMessage(out.build());
  }

  /** Joins messages: tensors and raw contents concatenated in order; id, model and parameters of the first. */
  static OipMessage concat(List<OipMessage> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    ModelInferResponse.Builder out = parts.get(0).body.toBuilder();
    for (OipMessage part : parts.subList(1, parts.size())) {
      out.addAllOutputs(part.body.getOutputsList());
      out.addAllRawOutputContents(part.body.getRawOutputContentsList());
    }
    return new OipMessage(out.build());
  }

  /** Rows in the batch: the first tensor's first dimension (1 for a scalar or a message without tensors). */
  long rows() {
    if (body.getOutputsCount() == 0 || body.getOutputs(0).getShapeCount() == 0) {
      return 1;
    }
    return body.getOutputs(0).getShape(0);
  }

  /** Whether both messages have the same tensor names in the same order (so they can be stacked). */
  boolean sameTensors(OipMessage other) {
    return tensorNames().equals(other.tensorNames());
  }

  /**
   * Stacks {@code more} under this message along the first dimension: shapes add up, contents and raw
   * contents are appended tensor by tensor; id and parameters become those of {@code more} (the latest).
   */
  OipMessage stack(OipMessage more) {
    if (!sameTensors(more)) {
      throw new IllegalArgumentException("cannot stack tensors " + more.tensorNames() + " under " + tensorNames());
    }
    ModelInferResponse.Builder out = body.toBuilder().setId(more.body.getId()).clearParameters()
        .putAllParameters(more.body.getParametersMap());
    for (int i = 0; i < out.getOutputsCount(); i++) {
      InferOutputTensor.Builder tensor = out.getOutputs(i).toBuilder();
      InferOutputTensor next = more.body.getOutputs(i);
      if (tensor.getShapeCount() > 0 && next.getShapeCount() > 0) {
        tensor.setShape(0, tensor.getShape(0) + next.getShape(0));
      }
      if (next.hasContents()) {
        // Protobuf merging appends repeated fields: exactly row concatenation for row-major contents.
        tensor.getContentsBuilder().mergeFrom(next.getContents());
      }
      out.setOutputs(i, tensor);
    }
    for (int i = 0; i < out.getRawOutputContentsCount() && i < more.body.getRawOutputContentsCount(); i++) {
      out.setRawOutputContents(i, out.getRawOutputContents(i).concat(more.body.getRawOutputContents(i)));
    }
    return new OipMessage(out.build());
  }

  private static ModelInferResponse fromRequest(ModelInferRequest request) {
    ModelInferResponse.Builder out = ModelInferResponse.newBuilder()
        .setModelName(request.getModelName()).setModelVersion(request.getModelVersion())
        .setId(request.getId()).putAllParameters(request.getParametersMap());
    List<InferOutputTensor> tensors = new ArrayList<>(request.getInputsCount());
    for (ModelInferRequest.InferInputTensor input : request.getInputsList()) {
      InferOutputTensor.Builder tensor = InferOutputTensor.newBuilder().setName(input.getName())
          .setDatatype(input.getDatatype()).addAllShape(input.getShapeList()).putAllParameters(input.getParametersMap());
      // Setting empty contents would mark them present, which servers reject next to raw contents.
      if (input.hasContents()) {
        tensor.setContents(input.getContents());
      }
      tensors.add(tensor.build());
    }
    return out.addAllOutputs(tensors).addAllRawOutputContents(request.getRawInputContentsList()).build();
  }

  /**
   * A response as the next model's request. The model name is left empty: the model gateway addresses the
   * model by the topic it reads, as Seldon's does.
   */
  private static ModelInferRequest toRequest(ModelInferResponse response) {
    ModelInferRequest.Builder out = ModelInferRequest.newBuilder().setId(response.getId())
        .putAllParameters(response.getParametersMap());
    for (InferOutputTensor output : response.getOutputsList()) {
      ModelInferRequest.InferInputTensor.Builder tensor = ModelInferRequest.InferInputTensor.newBuilder()
          .setName(output.getName()).setDatatype(output.getDatatype()).addAllShape(output.getShapeList())
          .putAllParameters(output.getParametersMap());
      if (output.hasContents()) {
        tensor.setContents(output.getContents());
      }
      out.addInputs(tensor);
    }
    for (ByteString raw : response.getRawOutputContentsList()) {
      out.addRawInputContents(raw);
    }
    return out.build();
  }
}
