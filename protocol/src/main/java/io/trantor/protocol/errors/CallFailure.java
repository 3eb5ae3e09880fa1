package io.trantor.protocol.errors;

import io.grpc.StatusRuntimeException;
import io.trantor.protocol.OipException;

/**
 * Why a call failed, in words free of any HTTP framework: an edge's adapter turns its framework's
 * exceptions (a body over the limit, the framework's own status, a client timeout) into these and
 * hands everything else to {@link #of}. {@link OipErrorMapper} decides what each one answers.
 */
public sealed interface CallFailure {

  /** The exception as it was caught (after unwrapping), for the log and the class name. */
  Throwable error();

  /** Anything that is not the framework's: an OIP error, an upstream gRPC status, or a bug. */
  static CallFailure of(Throwable error) {
    return switch (error) {
      case OipException e -> new Oip(e);
      case StatusRuntimeException e -> new UpstreamStatus(e);
      default -> new Unexpected(error);
    };
  }

  /** An OIP error: the caller's problem (or the model's), with its own statuses everywhere. */
  record Oip(OipException error) implements CallFailure {}

  /** The framework refused a request body over the edge's limit. */
  record BodyTooLarge(Throwable error) implements CallFailure {}

  /** The framework's own verdict (a request timeout's 503, ...); 413 counts as {@link BodyTooLarge}. */
  record FrameworkStatus(int code, String reasonPhrase, Throwable error) implements CallFailure {}

  /** The response was already sent, or the client left: there is nothing to answer. */
  record AlreadyAnswered(Throwable error) implements CallFailure {}

  /** A replica did not answer within the edge's timeout for one model call. */
  record UpstreamTimeout(Throwable error) implements CallFailure {}

  /** The edge gave up waiting for a result of its own (a pipeline's output); the message says which. */
  record DeadlineExceeded(Throwable error) implements CallFailure {}

  /** A replica answered a gRPC call with a status. */
  record UpstreamStatus(StatusRuntimeException error) implements CallFailure {}

  /** Anything else: a bug on the answering side, or a failure on the way to a replica. */
  record Unexpected(Throwable error) implements CallFailure {}
}
