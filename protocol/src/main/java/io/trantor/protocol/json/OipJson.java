package io.trantor.protocol.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InferenceResponse;
import io.trantor.protocol.ModelMetadata;
import io.trantor.protocol.RepositoryModel;
import io.trantor.protocol.ServerMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    try {
      return InferenceRequestJsonReader.read(body, jsonLength, modelName, modelVersion);
    } catch (JsonProcessingException e) {
      throw JsonIo.malformed(e);
    } catch (IOException e) {
      throw inMemory(e);
    }
  }

  /**
   * Writes a REST inference response. Outputs go as binary data when the request asked for it
   * (output parameter {@code binary_data: true}, or request parameter
   * {@code binary_data_output: true}); everything else as JSON {@code data}.
   */
  public static EncodedBody writeInferenceResponse(
      InferenceResponse response, InferenceRequest request) {
    try {
      return InferenceResponseJsonWriter.write(response, request);
    } catch (IOException e) {
      throw inMemory(e);
    }
  }

  /** Writes a REST inference request as a client sends it (pure JSON). */
  public static byte[] writeInferenceRequest(InferenceRequest request) {
    try {
      return InferenceRequestJsonWriter.write(request);
    } catch (IOException e) {
      throw inMemory(e);
    }
  }

  /** Reads a REST inference response as a client receives it. */
  public static InferenceResponse readInferenceResponse(byte[] body, int jsonLength) {
    try {
      return InferenceResponseJsonReader.read(body, jsonLength);
    } catch (JsonProcessingException e) {
      throw JsonIo.malformed(e);
    } catch (IOException e) {
      throw inMemory(e);
    }
  }

  public static byte[] writeModelMetadata(ModelMetadata metadata) {
    try {
      return MetadataJsonWriter.modelMetadata(metadata);
    } catch (IOException e) {
      throw inMemory(e);
    }
  }

  public static byte[] writeServerMetadata(ServerMetadata metadata) {
    try {
      return MetadataJsonWriter.serverMetadata(metadata);
    } catch (IOException e) {
      throw inMemory(e);
    }
  }

  /** {@code {"error": message}}. */
  public static byte[] writeError(String message) {
    try {
      return MetadataJsonWriter.error(message);
    } catch (IOException e) {
      throw inMemory(e);
    }
  }

  /** Reads {@code {"ready": bool}} of a repository index request; an empty body means false. */
  public static boolean readRepositoryIndexReadyFlag(byte[] body) {
    try {
      return ReadyFlagJsonReader.read(body);
    } catch (JsonProcessingException e) {
      throw JsonIo.malformed(e);
    } catch (IOException e) {
      throw inMemory(e);
    }
  }

  /** The JSON array Triton returns for {@code POST /v2/repository/index}. */
  public static byte[] writeRepositoryIndex(List<RepositoryModel> models) {
    try {
      return MetadataJsonWriter.repositoryIndex(models);
    } catch (IOException e) {
      throw inMemory(e);
    }
  }

  /** Reading or writing byte arrays does no real I/O; an IOException here is a bug. */
  private static UncheckedIOException inMemory(IOException e) {
    return new UncheckedIOException("JSON codec failed on an in-memory buffer", e);
  }
}
