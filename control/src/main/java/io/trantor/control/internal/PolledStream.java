package io.trantor.control.internal;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A server stream fed by polling: the first messages, then one tick per interval until the client
 * cancels or a tick ends the call. Both status watches ({@code WatchStatus}, Seldon's
 * {@code Subscribe*Status}) stream this way.
 */
final class PolledStream {
  /** One poll; false when it ended the call (completed or failed it) and polling should stop. */
  @FunctionalInterface
  interface Tick {
    boolean poll();
  }

  private PolledStream() {}

  /** Sends what {@code first} sends, then runs {@code tick} every {@code interval} on {@code executor}. */
  static void start(ScheduledExecutorService executor, Duration interval, StreamObserver<?> observer, Runnable first,
      Tick tick) {
    ServerCallStreamObserver<?> call = (ServerCallStreamObserver<?>) observer;
    AtomicReference<ScheduledFuture<?>> poll = new AtomicReference<>();
    // Registered before the first message: a handler can only be set while the call starts.
    call.setOnCancelHandler(() -> {
      ScheduledFuture<?> f = poll.get();
      if (f != null) {
        f.cancel(false);
      }
    });
    first.run();
    poll.set(executor.scheduleWithFixedDelay(() -> {
      if (call.isCancelled() || !tick.poll()) {
        poll.get().cancel(false);
      }
    }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS));
  }
}
