package io.trantor.protocol.control.watch;

import static java.util.Objects.requireNonNull;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.trantor.protocol.control.PipelineBatch;
import io.trantor.protocol.control.PipelineServiceGrpc;
import io.trantor.protocol.control.RouteBatch;
import io.trantor.protocol.control.RouteServiceGrpc;
import io.trantor.protocol.control.WatchPipelinesRequest;
import io.trantor.protocol.control.WatchRoutesRequest;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server-streaming watch on the control plane that never gives up: it opens the call with the
 * client's id and the last {@link StreamPosition} it applied, hands every batch to a consumer, and
 * when the stream ends reconnects after a {@link Backoff} (reset by the first batch of a stream).
 * While the control plane is away the consumer simply hears nothing, so it keeps what it has; the
 * first (full) batch after a reconnect replaces it.
 *
 * @param <Q> the watch request
 * @param <B> the batch the stream carries
 */
public final class WatchClient<Q, B> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WatchClient.class);

  /** Starts one watch call: the request names {@code clientId} and resumes after {@code from}. */
  @FunctionalInterface
  public interface Opener<Q, B> {
    void open(Channel channel, String clientId, StreamPosition from, ClientResponseObserver<Q, B> observer);
  }

  private final String what;
  private final String target;
  private final String clientId;
  private final ManagedChannel channel;
  private final Opener<Q, B> opener;
  private final Function<B, StreamPosition> positionOf;
  private final Consumer<B> consumer;
  private final Backoff backoff;
  private final ScheduledExecutorService retries;
  private StreamPosition position = StreamPosition.NONE;
  private ClientCallStreamObserver<Q> call;
  private boolean closed;

  /**
   * @param what       names the stream in logs and the retry thread, e.g. {@code route}
   * @param channel    owned by the client from now on: closed with it
   * @param positionOf where a batch leaves the stream (its epoch and version)
   * @param consumer   gets every batch in order, on a gRPC thread
   */
  public WatchClient(String what, String target, String clientId, ManagedChannel channel, Opener<Q, B> opener,
      Function<B, StreamPosition> positionOf, Consumer<B> consumer, Backoff backoff) {
    this.what = requireNonNull(what, "what");
    this.target = requireNonNull(target, "target");
    this.clientId = requireNonNull(clientId, "clientId");
    this.channel = requireNonNull(channel, "channel");
    this.opener = requireNonNull(opener, "opener");
    this.positionOf = requireNonNull(positionOf, "positionOf");
    this.consumer = requireNonNull(consumer, "consumer");
    this.backoff = requireNonNull(backoff, "backoff");
    this.retries = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("trantor-" + what + "-watch").daemon().factory());
  }

  /** {@code RouteService.WatchRoutes} on {@code target} (plaintext); {@link #start()} opens it. */
  public static WatchClient<WatchRoutesRequest, RouteBatch> routes(String target, String clientId,
      Consumer<RouteBatch> consumer) {
    return routes(target, clientId, InsecureChannelCredentials.create(), consumer);
  }

  /** {@code RouteService.WatchRoutes} on {@code target} with {@code credentials} (TLS when the control plane has it). */
  public static WatchClient<WatchRoutesRequest, RouteBatch> routes(String target, String clientId,
      ChannelCredentials credentials, Consumer<RouteBatch> consumer) {
    return new WatchClient<WatchRoutesRequest, RouteBatch>("route", target, clientId, channel(target, credentials),
        (channel, id, from, observer) -> RouteServiceGrpc.newStub(channel).watchRoutes(WatchRoutesRequest.newBuilder()
            .setGateway(id).setEpoch(from.epoch()).setAfterVersion(from.version()).build(), observer),
        batch -> new StreamPosition(batch.getEpoch(), batch.getVersion()), consumer, new Backoff());
  }

  /** {@code PipelineService.WatchPipelines} on {@code target} (plaintext); {@link #start()} opens it. */
  public static WatchClient<WatchPipelinesRequest, PipelineBatch> pipelines(String target, String clientId,
      Consumer<PipelineBatch> consumer) {
    return pipelines(target, clientId, InsecureChannelCredentials.create(), consumer);
  }

  /** {@code PipelineService.WatchPipelines} on {@code target} with {@code credentials}. */
  public static WatchClient<WatchPipelinesRequest, PipelineBatch> pipelines(String target, String clientId,
      ChannelCredentials credentials, Consumer<PipelineBatch> consumer) {
    return new WatchClient<WatchPipelinesRequest, PipelineBatch>("pipeline", target, clientId, channel(target, credentials),
        (channel, id, from, observer) -> PipelineServiceGrpc.newStub(channel).watchPipelines(WatchPipelinesRequest
            .newBuilder().setGateway(id).setEpoch(from.epoch()).setAfterVersion(from.version()).build(), observer),
        batch -> new StreamPosition(batch.getEpoch(), batch.getVersion()), consumer, new Backoff());
  }

  private static ManagedChannel channel(String target, ChannelCredentials credentials) {
    return Grpc.newChannelBuilder(requireNonNull(target, "target"), requireNonNull(credentials, "credentials")).build();
  }

  /** Opens the first call; batches arrive asynchronously. */
  public WatchClient<Q, B> start() {
    subscribe();
    return this;
  }

  /** The channel to the control plane, for the client's other calls (e.g. reports). */
  public Channel channel() {
    return channel;
  }

  public String clientId() {
    return clientId;
  }

  /** The last position applied: sent with the next (re)connect. */
  public synchronized StreamPosition position() {
    return position;
  }

  private void subscribe() {
    StreamPosition from;
    synchronized (this) {
      if (closed) {
        return;
      }
      from = position;
    }
    try {
      opener.open(channel, clientId, from, new Observer());
    } catch (RuntimeException e) {
      ended(e);
    }
  }

  private void ended(Throwable cause) {
    long delay;
    synchronized (this) {
      if (closed) {
        return;
      }
      delay = backoff.nextMillis();
    }
    log.warn("The {} stream from {} ended ({}); keeping the last state, reconnecting in {} ms", what, target,
        cause == null ? "completed" : cause.getMessage(), delay);
    try {
      retries.schedule(this::subscribe, delay, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      // closed meanwhile
    }
  }

  @Override
  public void close() throws InterruptedException {
    ClientCallStreamObserver<Q> current;
    synchronized (this) {
      closed = true;
      current = call;
    }
    if (current != null) {
      current.cancel(clientId + " is stopping", null);
    }
    retries.shutdownNow();
    channel.shutdownNow();
    channel.awaitTermination(5, TimeUnit.SECONDS);
  }

  private final class Observer implements ClientResponseObserver<Q, B> {
    private boolean first = true;

    @Override
    public void beforeStart(ClientCallStreamObserver<Q> requestStream) {
      synchronized (WatchClient.this) {
        call = requestStream;
      }
    }

    @Override
    public void onNext(B batch) {
      if (first) {
        first = false;
        backoff.reset();
        log.info("Watching {}s on {} as {}", what, target, clientId);
      }
      consumer.accept(batch);
      StreamPosition after = positionOf.apply(batch);
      synchronized (WatchClient.this) {
        position = position.after(after.epoch(), after.version());
      }
    }

    @Override
    public void onError(Throwable t) {
      ended(t);
    }

    @Override
    public void onCompleted() {
      ended(null);
    }
  }
}
