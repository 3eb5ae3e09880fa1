package io.trantor.control.internal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place control-API refusals become gRPC statuses. */
final class GrpcErrors {
  private static final Logger log = LoggerFactory.getLogger(GrpcErrors.class);

  private GrpcErrors() {}

  static StatusRuntimeException toStatus(RuntimeException e) {
    Status status = switch (e) {
      case ControlException.NotFound n -> Status.NOT_FOUND.withDescription(n.getMessage());
      case ControlException.Invalid i -> Status.INVALID_ARGUMENT.withDescription(i.getMessage());
      case ControlException.FailedPrecondition f -> Status.FAILED_PRECONDITION.withDescription(f.getMessage());
      case StatusRuntimeException s -> s.getStatus();
      default -> {
        log.error("Control API call failed", e);
        yield Status.INTERNAL.withDescription(String.valueOf(e.getMessage()).lines().findFirst().orElse("")).withCause(e);
      }
    };
    return status.asRuntimeException();
  }

  interface Call<T> {
    T run();
  }

  /** Runs a unary call, answering with its result or its mapped error. */
  static <T> void unary(StreamObserver<T> observer, Call<T> call) {
    unary(observer, call, GrpcErrors::toStatus);
  }

  /** As {@link #unary(StreamObserver, Call)}, with errors mapped by {@code errors}. */
  static <T> void unary(StreamObserver<T> observer, Call<T> call,
      java.util.function.Function<RuntimeException, StatusRuntimeException> errors) {
    T result;
    try {
      result = call.run();
    } catch (RuntimeException e) {
      observer.onError(errors.apply(e));
      return;
    }
    observer.onNext(result);
    observer.onCompleted();
  }
}
