package io.trantor.agent.replica;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.trantor.protocol.control.AgentCommand;
import io.trantor.protocol.control.AgentMessage;
import io.trantor.protocol.control.AgentServiceGrpc;
import io.trantor.protocol.control.CommandResult;
import io.trantor.protocol.control.LoadModel;
import io.trantor.protocol.control.ModelEvicted;
import io.trantor.protocol.control.Register;
import io.trantor.protocol.control.UnloadModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-test control plane: a real gRPC {@code AgentService} on 127.0.0.1 that records what agents
 * send (registrations, results, evictions) and lets the test send commands to the last agent that
 * connected.
 */
final class FakeControlPlane implements AutoCloseable {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private final Server server;
  private final BlockingQueue<Register> registrations = new LinkedBlockingQueue<>();
  private final List<ModelEvicted> evictions = new CopyOnWriteArrayList<>();
  private final ConcurrentHashMap<String, CompletableFuture<CommandResult>> results = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile StreamObserver<AgentCommand> agent;

  private FakeControlPlane(int port) {
    try {
      server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
          .addService(new Service())
          .build()
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static FakeControlPlane start() {
    return new FakeControlPlane(0);
  }

  /** A new control plane on the port of a closed one (a restart). */
  static FakeControlPlane startOn(int port) {
    return new FakeControlPlane(port);
  }

  int port() {
    return server.getPort();
  }

  String target() {
    return "127.0.0.1:" + port();
  }

  /** The next registration received (waits for it). */
  Register nextRegistration() throws InterruptedException {
    Register register = registrations.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    if (register == null) {
      throw new AssertionError("no agent registered within " + DEADLINE);
    }
    return register;
  }

  List<ModelEvicted> evictions() {
    return List.copyOf(evictions);
  }

  CommandResult load(LoadModel load) {
    return send(AgentCommand.newBuilder().setLoad(load));
  }

  CompletableFuture<CommandResult> loadAsync(LoadModel load) {
    return sendAsync(AgentCommand.newBuilder().setLoad(load));
  }

  CommandResult unload(String model, long version) {
    return send(AgentCommand.newBuilder().setUnload(UnloadModel.newBuilder().setModelName(model).setVersion(version)));
  }

  CommandResult list() {
    return send(AgentCommand.newBuilder().setList(io.trantor.protocol.control.ListModels.getDefaultInstance()));
  }

  CommandResult loadReport() {
    return send(AgentCommand.newBuilder().setLoadReport(io.trantor.protocol.control.GetLoad.getDefaultInstance()));
  }

  private CommandResult send(AgentCommand.Builder command) {
    return sendAsync(command).orTimeout(DEADLINE.toMillis(), TimeUnit.MILLISECONDS).join();
  }

  private CompletableFuture<CommandResult> sendAsync(AgentCommand.Builder command) {
    StreamObserver<AgentCommand> out = agent;
    if (out == null) {
      throw new AssertionError("no agent is connected");
    }
    String id = "cmd-" + ids.incrementAndGet();
    CompletableFuture<CommandResult> result = new CompletableFuture<>();
    results.put(id, result);
    synchronized (out) {
      out.onNext(command.setCommandId(id).build());
    }
    return result;
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
  }

  private final class Service extends AgentServiceGrpc.AgentServiceImplBase {
    @Override
    public StreamObserver<AgentMessage> connect(StreamObserver<AgentCommand> responses) {
      return new StreamObserver<>() {
        @Override
        public void onNext(AgentMessage message) {
          switch (message.getMessageCase()) {
            case REGISTER -> {
              agent = responses;
              registrations.add(message.getRegister());
            }
            case RESULT -> {
              CompletableFuture<CommandResult> pending = results.remove(message.getResult().getCommandId());
              if (pending != null) {
                pending.complete(message.getResult());
              }
            }
            case EVICTED -> evictions.add(message.getEvicted());
            case MESSAGE_NOT_SET -> { }
          }
        }

        @Override
        public void onError(Throwable t) { }

        @Override
        public void onCompleted() {
          responses.onCompleted();
        }
      };
    }
  }
}
