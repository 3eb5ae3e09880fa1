package io.trantor.gateway.pipelinehost;

import static java.util.Objects.requireNonNull;

import io.trantor.protocol.grpc.ModelInferResponse;
import java.util.Map;

/** A model's (or pipeline's) answer with the {@code x-*} headers that came with it. */
public record ModelReply(ModelInferResponse response, Map<String, String> headers) {
  public ModelReply {
    requireNonNull(response, "response");
    headers = Map.copyOf(headers);
  }
}
