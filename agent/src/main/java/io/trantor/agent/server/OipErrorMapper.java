package io.trantor.agent.server;

import com.linecorp.armeria.common.HttpStatus;
import io.grpc.Status;
import io.trantor.protocol.InferenceFailedException;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.ModelNotFoundException;
import io.trantor.protocol.ModelNotReadyException;
import io.trantor.protocol.OipException;
import io.trantor.protocol.PayloadTooLargeException;

/**
 * The one place where OIP errors become REST statuses and gRPC statuses, so both protocols tell a
 * caller the same thing. Anything that is not an {@link OipException} is a bug on our side: it is
 * reported as an internal error with a generic message, never with its stack trace.
 */
final class OipErrorMapper {
  private OipErrorMapper() {}

  static HttpStatus httpStatus(Throwable error) {
    if (error instanceof OipException oip) {
      return switch (oip) {
        case InvalidInputException e -> HttpStatus.BAD_REQUEST;
        case ModelNotFoundException e -> HttpStatus.NOT_FOUND;
        case ModelNotReadyException e -> HttpStatus.SERVICE_UNAVAILABLE;
        case PayloadTooLargeException e -> HttpStatus.REQUEST_ENTITY_TOO_LARGE;
        case InferenceFailedException e -> HttpStatus.INTERNAL_SERVER_ERROR;
      };
    }
    return HttpStatus.INTERNAL_SERVER_ERROR;
  }

  static Status grpcStatus(Throwable error) {
    if (error instanceof OipException oip) {
      Status status =
          switch (oip) {
            case InvalidInputException e -> Status.INVALID_ARGUMENT;
            case ModelNotFoundException e -> Status.NOT_FOUND;
            case ModelNotReadyException e -> Status.UNAVAILABLE;
            case PayloadTooLargeException e -> Status.RESOURCE_EXHAUSTED;
            case InferenceFailedException e -> Status.INTERNAL;
          };
      return status.withDescription(oip.getMessage());
    }
    return Status.INTERNAL.withDescription(message(error));
  }

  /** The text a caller sees. */
  static String message(Throwable error) {
    if (error instanceof OipException oip) {
      return oip.getMessage();
    }
    return "internal error (" + error.getClass().getSimpleName() + "); see the server log";
  }

  /** True when the failure is ours rather than the caller's, so it deserves a log line. */
  static boolean isServerFault(Throwable error) {
    return !(error instanceof OipException) || error instanceof InferenceFailedException;
  }
}
