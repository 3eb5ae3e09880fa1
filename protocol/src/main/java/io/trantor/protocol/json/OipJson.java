package io.trantor.protocol.json;

import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InferenceResponse;
import io.trantor.protocol.ModelMetadata;
import io.trantor.protocol.RepositoryModel;
import io.trantor.protocol.ServerMetadata;
import java.util.List;

/**
 * The OIP REST JSON codec (shared reference, seldon-api-surface.md §1.3), including Triton's binary
 * tensor data extension that tritonclient's HTTP client uses by default. Stateless and
 * thread-safe. Every malformed body is an {@link io.trantor.protocol.InvalidInputException} whose
 * message names the field or tensor.
 */
public final class OipJson {
  private OipJson() {}

  /**
   * Reads a REST inference request.
   *
   * @param body the whole HTTP body
   * @param jsonLength value of the {@code Inference-Header-Content-Length} header, or -1 when the
   *     header is absent (pure JSON body)
   * @param modelName model name from the path (the body has none)
   * @param modelVersion version from the path, or null
   */
  public static InferenceRequest readInferenceRequest(
      byte[] body, int jsonLength, String modelName, String modelVersion) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Writes a REST inference response. Outputs go as binary data when the request asked for it
   * (output parameter {@code binary_data: true}, or request parameter
   * {@code binary_data_output: true}); everything else as JSON {@code data}.
   */
  public static EncodedBody writeInferenceResponse(InferenceResponse response, InferenceRequest request) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Writes a REST inference request as a client sends it (pure JSON). */
  public static byte[] writeInferenceRequest(InferenceRequest request) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Reads a REST inference response as a client receives it. */
  public static InferenceResponse readInferenceResponse(byte[] body, int jsonLength) {
    throw new UnsupportedOperationException("not yet");
  }

  public static byte[] writeModelMetadata(ModelMetadata metadata) {
    throw new UnsupportedOperationException("not yet");
  }

  public static byte[] writeServerMetadata(ServerMetadata metadata) {
    throw new UnsupportedOperationException("not yet");
  }

  /** {@code {"error": message}}. */
  public static byte[] writeError(String message) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Reads {@code {"ready": bool}} of a repository index request; an empty body means false. */
  public static boolean readRepositoryIndexReadyFlag(byte[] body) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The JSON array Triton returns for {@code POST /v2/repository/index}. */
  public static byte[] writeRepositoryIndex(List<RepositoryModel> models) {
    throw new UnsupportedOperationException("not yet");
  }
}
