package io.trantor.protocol.grpc;

import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InferenceResponse;
import io.trantor.protocol.ModelMetadata;
import io.trantor.protocol.RepositoryModel;
import io.trantor.protocol.ServerMetadata;
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
    throw new UnsupportedOperationException("not yet");
  }

  /** Encodes a request with typed contents, or with {@code raw_input_contents} when {@code raw}. */
  public static ModelInferRequest toProto(InferenceRequest request, boolean raw) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Encodes a response with typed contents, or with {@code raw_output_contents} when {@code raw}
   * (Triton answers raw; FP16 always goes raw since it has no typed field).
   */
  public static ModelInferResponse toProto(InferenceResponse response, boolean raw) {
    throw new UnsupportedOperationException("not yet");
  }

  public static InferenceResponse fromProto(ModelInferResponse response) {
    throw new UnsupportedOperationException("not yet");
  }

  public static ModelMetadataResponse toProto(ModelMetadata metadata) {
    throw new UnsupportedOperationException("not yet");
  }

  public static ServerMetadataResponse toProto(ServerMetadata metadata) {
    throw new UnsupportedOperationException("not yet");
  }

  public static RepositoryIndexResponse toProto(List<RepositoryModel> models) {
    throw new UnsupportedOperationException("not yet");
  }
}
