package io.trantor.protocol.errors;

import io.grpc.Status;
import io.trantor.protocol.InferenceFailedException;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.ModelNotFoundException;
import io.trantor.protocol.ModelNotReadyException;
import io.trantor.protocol.OipException;
import io.trantor.protocol.PayloadTooLargeException;
import io.trantor.protocol.errors.CallFailure.AlreadyAnswered;
import io.trantor.protocol.errors.CallFailure.BodyTooLarge;
import io.trantor.protocol.errors.CallFailure.DeadlineExceeded;
import io.trantor.protocol.errors.CallFailure.FrameworkStatus;
import io.trantor.protocol.errors.CallFailure.Oip;
import io.trantor.protocol.errors.CallFailure.UpstreamStatus;
import io.trantor.protocol.errors.CallFailure.UpstreamTimeout;
import io.trantor.protocol.errors.CallFailure.Unexpected;

/**
 * The one place where failures become REST statuses with an OIP error body and gRPC statuses, for
 * every edge (the agent's model server, the gateway). OIP errors answer the same everywhere; a
 * failure that is not the caller's answers as its {@link OipEdge} says, with a generic message and
 * never a stack trace. An upstream gRPC status is passed on by the gateway, not mapped.
 */
public final class OipErrorMapper {
  static final String UPSTREAM_TIMEOUT = "the model did not answer within the gateway's request timeout";

  private OipErrorMapper() {}

  /** What {@code edge} answers for {@code failure}. */
  public static OipErrorAnswer answer(OipEdge edge, CallFailure failure) {
    return switch (failure) {
      case Oip f -> oip(f.error(), edge == OipEdge.SERVER && f.error() instanceof InferenceFailedException);
      case BodyTooLarge f -> bodyTooLarge(edge);
      case FrameworkStatus f when f.code() == 413 -> bodyTooLarge(edge);
      case FrameworkStatus f ->
          new OipErrorAnswer(f.code(), f.reasonPhrase(), unexpected(edge, f.error()).grpcStatus(), false);
      case AlreadyAnswered f when edge == OipEdge.SERVER ->
          new OipErrorAnswer(200, null, unexpected(edge, f.error()).grpcStatus(), false);
      case UpstreamTimeout f when edge == OipEdge.GATEWAY ->
          new OipErrorAnswer(504, UPSTREAM_TIMEOUT, Status.UNAVAILABLE.withDescription(UPSTREAM_TIMEOUT), true);
      case DeadlineExceeded f when edge == OipEdge.GATEWAY -> new OipErrorAnswer(
          504, f.error().getMessage(), Status.DEADLINE_EXCEEDED.withDescription(f.error().getMessage()), false);
      case UpstreamStatus f when edge == OipEdge.GATEWAY ->
          new OipErrorAnswer(502, unexpected(edge, f.error()).message(), f.error().getStatus().withCause(null), false);
      default -> unexpected(edge, failure.error());
    };
  }

  /** What every edge answers for an OIP error that it raises itself (no such model, ...). */
  public static OipErrorAnswer answer(OipException error) {
    return oip(error, false);
  }

  private static OipErrorAnswer oip(OipException error, boolean logged) {
    return new OipErrorAnswer(httpStatus(error), error.getMessage(), grpcStatus(error), logged);
  }

  private static OipErrorAnswer bodyTooLarge(OipEdge edge) {
    return oip(new PayloadTooLargeException(OipStatusRenderer.bodyTooLarge(edge)), false);
  }

  private static OipErrorAnswer unexpected(OipEdge edge, Throwable error) {
    String name = error.getClass().getSimpleName();
    return switch (edge) {
      case SERVER -> {
        String message = "internal error (" + name + "); see the server log";
        yield new OipErrorAnswer(500, message, Status.INTERNAL.withDescription(message), true);
      }
      case GATEWAY -> {
        String message = "the replica failed to answer (" + name + ")";
        yield new OipErrorAnswer(502, message, Status.UNAVAILABLE.withDescription(message), true);
      }
    };
  }

  private static int httpStatus(OipException error) {
    return switch (error) {
      case InvalidInputException e -> 400;
      case ModelNotFoundException e -> 404;
      case ModelNotReadyException e -> 503;
      case PayloadTooLargeException e -> 413;
      case InferenceFailedException e -> 500;
    };
  }

  private static Status grpcStatus(OipException error) {
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
}
