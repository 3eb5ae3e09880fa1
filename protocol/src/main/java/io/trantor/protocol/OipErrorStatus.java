package io.trantor.protocol;

import io.grpc.Status;

/**
 * The one place where OIP errors become REST status codes and gRPC statuses, so every edge (the
 * agent's model server, the gateway) and both protocols tell a caller the same thing. Anything that
 * is not an {@link OipException} is a bug on the answering side: it is reported as an internal error
 * with a generic message, never with its stack trace. An edge that has failures of its own (a
 * timeout on the way to a replica) maps those first and hands the rest to this class.
 */
public final class OipErrorStatus {
  private OipErrorStatus() {}

  /** The REST status code of an OIP error. */
  public static int httpStatus(OipException error) {
    return switch (error) {
      case InvalidInputException e -> 400;
      case ModelNotFoundException e -> 404;
      case ModelNotReadyException e -> 503;
      case PayloadTooLargeException e -> 413;
      case InferenceFailedException e -> 500;
    };
  }

  /** The REST status code of any failure: an OIP error's own, else 500. */
  public static int httpStatus(Throwable error) {
    return error instanceof OipException oip ? httpStatus(oip) : 500;
  }

  /** The gRPC status of an OIP error, with its message as the description. */
  public static Status grpcStatus(OipException error) {
    Status status =
        switch (error) {
          case InvalidInputException e -> Status.INVALID_ARGUMENT;
          case ModelNotFoundException e -> Status.NOT_FOUND;
          case ModelNotReadyException e -> Status.UNAVAILABLE;
          case PayloadTooLargeException e -> Status.RESOURCE_EXHAUSTED;
          case InferenceFailedException e -> Status.INTERNAL;
        };
    return status.withDescription(error.getMessage());
  }

  /** The gRPC status of any failure: an OIP error's own, else INTERNAL with {@link #message}. */
  public static Status grpcStatus(Throwable error) {
    return error instanceof OipException oip
        ? grpcStatus(oip)
        : Status.INTERNAL.withDescription(message(error));
  }

  /** The text a caller sees. */
  public static String message(Throwable error) {
    if (error instanceof OipException oip) {
      return oip.getMessage();
    }
    return "internal error (" + error.getClass().getSimpleName() + "); see the server log";
  }

  /** True when the failure is ours rather than the caller's, so it deserves a log line. */
  public static boolean isServerFault(Throwable error) {
    return !(error instanceof OipException) || error instanceof InferenceFailedException;
  }
}
