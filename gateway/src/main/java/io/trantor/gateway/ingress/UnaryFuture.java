package io.trantor.gateway.ingress;

import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** A unary gRPC call on an async stub, as a {@link CompletableFuture}. */
final class UnaryFuture<T> extends CompletableFuture<T> implements StreamObserver<T> {
  private T value;

  static <T> CompletableFuture<T> of(Consumer<StreamObserver<T>> call) {
    UnaryFuture<T> future = new UnaryFuture<>();
    call.accept(future);
    return future;
  }

  @Override
  public void onNext(T next) {
    value = next;
  }

  @Override
  public void onError(Throwable t) {
    completeExceptionally(t);
  }

  @Override
  public void onCompleted() {
    complete(value);
  }
}
