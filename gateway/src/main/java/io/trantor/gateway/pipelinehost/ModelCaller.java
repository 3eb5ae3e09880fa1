package io.trantor.gateway.pipelinehost;

import io.trantor.protocol.grpc.ModelInferRequest;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * How the model gateway reaches a model: through the gateway's own routing (route table, replica
 * balancing, per-model timeout), in-process, so a Kafka request is served exactly like a gRPC one.
 */
@FunctionalInterface
public interface ModelCaller {

  /**
   * Sends {@code request} to {@code model}.
   *
   * @param headers {@code x-*} headers to pass on as gRPC metadata
   * @return the answer with the model's {@code x-*} response headers; fails with an
   *     {@link io.trantor.protocol.OipException} or a gRPC {@code StatusRuntimeException}
   */
  CompletableFuture<ModelReply> infer(String model, ModelInferRequest request, Map<String, String> headers);
}
