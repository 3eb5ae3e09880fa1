package io.trantor.control.internal;

import static java.util.Objects.requireNonNull;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.trantor.control.live.ChangeFeed;
import io.trantor.protocol.control.watch.StreamPosition;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The gRPC server streams of one kind of watch over {@link ChangeFeed}s: each call subscribes once
 * the {@link LiveStateGate} opens and gets the feed's batches as messages {@code B}, until the
 * client cancels or the control plane stops.
 */
final class FeedStreams<U, B> implements AutoCloseable {

  private final LiveStateGate gate;
  private final Function<U, String> namespaceOf;
  private final Function<ChangeFeed.Batch<U>, B> message;
  private final Set<Stream> streams = ConcurrentHashMap.newKeySet();

  /** @param namespaceOf the namespace an update is about, for watches of one namespace */
  FeedStreams(LiveStateGate gate, Function<U, String> namespaceOf, Function<ChangeFeed.Batch<U>, B> message) {
    this.gate = requireNonNull(gate, "gate");
    this.namespaceOf = requireNonNull(namespaceOf, "namespaceOf");
    this.message = requireNonNull(message, "message");
  }

  /**
   * @param namespace the namespace watched; empty for every namespace
   * @param onEnd runs once when the stream ends (cancelled, failed or closed)
   */
  void watch(ChangeFeed<U> feed, StreamPosition from, String namespace, ServerCallStreamObserver<B> call,
      Runnable onEnd) {
    Predicate<U> wants = update -> namespace.isEmpty() || namespace.equals(namespaceOf.apply(update));
    Stream stream = new Stream(call, onEnd);
    call.setOnCancelHandler(stream::end);
    streams.add(stream);
    // No batch before the live state is rebuilt after a restart: an empty or partial table would
    // make the gateway drop what it still serves.
    // No lock of the stream is held while subscribing: the feed sends under its own lock, and
    // takes the stream's inside it.
    gate.whenOpen(() -> {
      if (!streams.contains(stream)) {
        return; // cancelled while the gate was closed
      }
      stream.subscription = feed.subscribe(from, wants, stream::send);
      if (!streams.contains(stream)) {
        stream.subscription.close(); // cancelled while subscribing
      }
    });
  }

  @Override
  public void close() {
    for (Stream stream : streams) {
      stream.end();
      synchronized (stream) {
        try {
          stream.call.onError(Status.UNAVAILABLE.withDescription("control plane is stopping").asRuntimeException());
        } catch (IllegalStateException e) {
          // already closed or cancelled
        }
      }
    }
  }

  private final class Stream {
    private final ServerCallStreamObserver<B> call;
    private final Runnable onEnd;
    private volatile ChangeFeed.Subscription subscription;

    Stream(ServerCallStreamObserver<B> call, Runnable onEnd) {
      this.call = call;
      this.onEnd = onEnd;
    }

    synchronized void send(ChangeFeed.Batch<U> batch) {
      try {
        call.onNext(message.apply(batch));
      } catch (RuntimeException e) {
        end(); // the client went away between the change and the send
        throw e;
      }
    }

    void end() {
      ChangeFeed.Subscription current = subscription;
      if (current != null) {
        current.close();
      }
      if (streams.remove(this)) {
        onEnd.run();
      }
    }
  }
}
