package io.trantor.protocol.errors;

import io.grpc.Status;
import io.trantor.protocol.json.OipJson;

/**
 * What one failed call tells its caller, in both protocols.
 *
 * @param httpStatus the REST status code
 * @param message the REST error text, sent as {@code {"error": message}}; null when there is no body
 *     to send (the response was already answered)
 * @param grpcStatus the gRPC status, with its description
 * @param logged true when the failure is the answering side's rather than the caller's, so the edge
 *     writes a log line for it
 */
public record OipErrorAnswer(int httpStatus, String message, Status grpcStatus, boolean logged) {

  /** The REST body, {@code {"error": message}}. */
  public byte[] restBody() {
    return OipJson.writeError(message);
  }
}
