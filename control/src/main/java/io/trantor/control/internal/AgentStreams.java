package io.trantor.control.internal;

import static java.util.Objects.requireNonNull;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.trantor.activities.AgentChannel;
import io.trantor.control.live.ClusterState;
import io.trantor.activities.ReplicaInfo;
import io.trantor.activities.ReplicaKey;
import io.trantor.activities.ReplicaNotConnectedException;
import io.trantor.dsl.Metadata;
import io.trantor.protocol.control.AgentCommand;
import io.trantor.protocol.control.AgentMessage;
import io.trantor.protocol.control.AgentServiceGrpc;
import io.trantor.protocol.control.CommandResult;
import io.trantor.protocol.control.Register;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of {@code AgentService.Connect}: one stream per server replica. A Register joins
 * the replica to the {@link ClusterState}; the end of the stream makes it leave. Commands go down
 * the stream and their results are matched by command id ({@link AgentChannel}).
 */
public final class AgentStreams extends AgentServiceGrpc.AgentServiceImplBase implements AgentChannel, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AgentStreams.class);

  private final ClusterState cluster;
  private final Map<ReplicaKey, Stream> streams = new ConcurrentHashMap<>();

  public AgentStreams(ClusterState cluster) {
    this.cluster = requireNonNull(cluster, "cluster");
  }

  /** One agent's stream: what goes down it is serialised; what is awaited on it is failed when it ends. */
  private static final class Stream {
    final ReplicaKey key;
    final StreamObserver<AgentCommand> out;
    final Map<String, CompletableFuture<CommandResult>> pending = new ConcurrentHashMap<>();

    Stream(ReplicaKey key, StreamObserver<AgentCommand> out) {
      this.key = key;
      this.out = out;
    }

    synchronized void send(AgentCommand command) {
      out.onNext(command);
    }

    void failPending() {
      Set<String> ids = new HashSet<>(pending.keySet());
      for (String id : ids) {
        CompletableFuture<CommandResult> f = pending.remove(id);
        if (f != null) {
          f.completeExceptionally(new ReplicaNotConnectedException(key));
        }
      }
    }

    synchronized void complete() {
      try {
        out.onCompleted();
      } catch (RuntimeException e) {
        log.debug("Stream of {} already closed", key, e);
      }
    }
  }

  @Override
  public StreamObserver<AgentMessage> connect(StreamObserver<AgentCommand> out) {
    return new StreamObserver<>() {
      private Stream stream;

      @Override
      public void onNext(AgentMessage message) {
        switch (message.getMessageCase()) {
          case REGISTER -> register(message.getRegister());
          case RESULT -> result(message.getResult());
          case EVICTED -> log.debug("{} evicted {}_{}", key(), message.getEvicted().getModelName(),
              message.getEvicted().getVersion());
          case MESSAGE_NOT_SET -> log.warn("Empty message from agent {}", key());
        }
      }

      private Object key() {
        return stream == null ? "(unregistered)" : stream.key;
      }

      private void register(Register register) {
        if (stream != null) {
          log.warn("Agent {} registered twice on one stream; ignored", stream.key);
          return;
        }
        String namespace = register.getNamespace().isBlank() ? Metadata.DEFAULT_NAMESPACE : register.getNamespace();
        ReplicaKey key = new ReplicaKey(namespace, register.getServerName(), register.getReplicaIndex());
        stream = new Stream(key, out);
        Stream replaced = streams.put(key, stream);
        if (replaced != null) {
          log.info("Agent {} reconnected; its previous stream is closed", key);
          replaced.failPending();
          replaced.complete();
        }
        List<String> loaded = register.getLoadedModelsList().stream()
            .map(m -> m.getModelName() + "_" + m.getVersion())
            .toList();
        cluster.join(new ReplicaInfo(key, register.getEndpoint(), Set.copyOf(register.getCapabilitiesList()),
            register.getMemoryBytes(), register.getOvercommitPercent(), loaded));
      }

      private void result(CommandResult result) {
        if (stream == null) {
          log.warn("Command result {} before Register; ignored", result.getCommandId());
          return;
        }
        CompletableFuture<CommandResult> future = stream.pending.remove(result.getCommandId());
        if (future == null) {
          log.debug("Result of unknown command {} from {}", result.getCommandId(), stream.key);
          return;
        }
        future.complete(result);
      }

      @Override
      public void onError(Throwable t) {
        log.info("Agent stream {} broke: {}", key(), Status.fromThrowable(t));
        ended();
      }

      @Override
      public void onCompleted() {
        ended();
        if (stream != null) {
          stream.complete();
        } else {
          out.onCompleted();
        }
      }

      private void ended() {
        if (stream == null) {
          return;
        }
        stream.failPending();
        if (streams.remove(stream.key, stream)) {
          cluster.leave(stream.key);
        }
      }
    };
  }

  @Override
  public CompletableFuture<CommandResult> send(String namespace, String server, int replicaIndex, AgentCommand command) {
    ReplicaKey key = new ReplicaKey(namespace, server, replicaIndex);
    Stream stream = streams.get(key);
    if (stream == null) {
      return CompletableFuture.failedFuture(new ReplicaNotConnectedException(key));
    }
    CompletableFuture<CommandResult> future = new CompletableFuture<>();
    stream.pending.put(command.getCommandId(), future);
    future.whenComplete((r, e) -> stream.pending.remove(command.getCommandId()));
    try {
      stream.send(command);
    } catch (RuntimeException e) {
      stream.pending.remove(command.getCommandId());
      future.completeExceptionally(new ReplicaNotConnectedException(key));
    }
    return future;
  }

  /** Connected replicas (for tests and status). */
  public Set<ReplicaKey> connected() {
    return Set.copyOf(streams.keySet());
  }

  /** Ends every agent stream (agents reconnect to the next control plane). */
  @Override
  public void close() {
    for (Stream stream : List.copyOf(streams.values())) {
      if (streams.remove(stream.key, stream)) {
        stream.failPending();
        stream.complete();
        cluster.leave(stream.key);
      }
    }
  }
}
