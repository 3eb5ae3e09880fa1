package io.trantor.gateway.pipelinehost;

/** The pipeline's output did not arrive within the gateway's timeout: REST 504, gRPC DEADLINE_EXCEEDED. */
public final class PipelineTimeoutException extends RuntimeException {
  public PipelineTimeoutException(String message) {
    super(message, null, false, false);
  }
}
