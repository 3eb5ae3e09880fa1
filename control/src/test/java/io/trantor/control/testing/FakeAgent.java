package io.trantor.control.testing;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.trantor.protocol.control.AgentCommand;
import io.trantor.protocol.control.AgentMessage;
import io.trantor.protocol.control.AgentServiceGrpc;
import io.trantor.protocol.control.CommandResult;
import io.trantor.protocol.control.Register;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A pretend server replica for tests: registers over {@code AgentService.Connect} and answers every
 * command at once, ok unless told to fail loads of a model; records the commands and what it holds.
 */
public final class FakeAgent implements AutoCloseable {

  private final ManagedChannel channel;
  private final StreamObserver<AgentMessage> up;
  private final List<AgentCommand> commands = new CopyOnWriteArrayList<>();
  private final Set<String> loaded = ConcurrentHashMap.newKeySet();
  private final Map<String, String> failingLoads = new ConcurrentHashMap<>();
  private volatile boolean streamEnded;

  private FakeAgent(int controlPort, Register register) {
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", controlPort).usePlaintext().build();
    up = AgentServiceGrpc.newStub(channel).connect(new StreamObserver<>() {
      @Override
      public void onNext(AgentCommand command) {
        answer(command);
      }

      @Override
      public void onError(Throwable t) {
        streamEnded = true;
      }

      @Override
      public void onCompleted() {
        streamEnded = true;
      }
    });
    synchronized (up) {
      up.onNext(AgentMessage.newBuilder().setRegister(register).build());
    }
  }

  /** Registers replica {@code index} of {@code server} in namespace default: 1 GiB, sklearn + mlserver. */
  public static FakeAgent connect(int controlPort, String server, int index) {
    return connect(controlPort, Register.newBuilder()
        .setNamespace("default")
        .setServerName(server)
        .setReplicaIndex(index)
        .setEndpoint("127.0.0.1:" + (19000 + index))
        .addAllCapabilities(List.of("mlserver", "sklearn", "xgboost"))
        .setMemoryBytes(1L << 30)
        .setOvercommitPercent(10)
        .build());
  }

  public static FakeAgent connect(int controlPort, Register register) {
    return new FakeAgent(controlPort, register);
  }

  /**
   * Registers again as the same replica after a control-plane restart, reporting {@code loaded}
   * as what it still holds.
   */
  public static FakeAgent reconnect(int controlPort, String server, int index, Set<String> loaded) {
    Register.Builder register = Register.newBuilder()
        .setNamespace("default")
        .setServerName(server)
        .setReplicaIndex(index)
        .setEndpoint("127.0.0.1:" + (19000 + index))
        .addAllCapabilities(List.of("mlserver", "sklearn", "xgboost"))
        .setMemoryBytes(1L << 30)
        .setOvercommitPercent(10);
    loaded.forEach(served -> register.addLoadedModels(loadedModel(served)));
    FakeAgent agent = new FakeAgent(controlPort, register.build());
    agent.loaded.addAll(loaded);
    return agent;
  }

  /**
   * Holds {@code served} ({@code <model>_<version>}) without having been asked to, as an agent does
   * whose unload command was lost.
   */
  public FakeAgent holdUnasked(String served) {
    loaded.add(served);
    return this;
  }

  /** From now on, loads of {@code model} fail with {@code error}. */
  public FakeAgent failLoadsOf(String model, String error) {
    failingLoads.put(model, error);
    return this;
  }

  private volatile long inFlight;

  /** What it answers to GetLoad from now on. */
  public FakeAgent inFlight(long requests) {
    inFlight = requests;
    return this;
  }

  public List<AgentCommand> commands() {
    return List.copyOf(commands);
  }

  /** {@code <model>_<version>} of what it holds now. */
  public Set<String> loaded() {
    return Set.copyOf(loaded);
  }

  public boolean streamEnded() {
    return streamEnded;
  }

  private void answer(AgentCommand command) {
    commands.add(command);
    CommandResult.Builder result = CommandResult.newBuilder().setCommandId(command.getCommandId()).setOk(true);
    switch (command.getCommandCase()) {
      case LOAD -> {
        String error = failingLoads.get(command.getLoad().getModelName());
        if (error != null) {
          result.setOk(false).setError(error);
        } else {
          loaded.add(command.getLoad().getModelName() + "_" + command.getLoad().getVersion());
        }
      }
      case UNLOAD -> loaded.remove(command.getUnload().getModelName() + "_" + command.getUnload().getVersion());
      case LIST -> loaded.forEach(served -> result.addLoadedModels(loadedModel(served)));
      case LOAD_REPORT -> result.setInFlightRequests(inFlight);
      case COMMAND_NOT_SET -> result.setOk(false).setError("empty command");
    }
    synchronized (up) {
      up.onNext(AgentMessage.newBuilder().setResult(result).build());
    }
  }

  /** {@code <model>_<version>} as the protocol's LoadedModel. */
  private static io.trantor.protocol.control.LoadedModel loadedModel(String served) {
    int cut = served.lastIndexOf('_');
    return io.trantor.protocol.control.LoadedModel.newBuilder()
        .setModelName(served.substring(0, cut))
        .setVersion(Long.parseLong(served.substring(cut + 1)))
        .build();
  }

  /** Ends the stream, as an agent that stops would. */
  public void disconnect() {
    synchronized (up) {
      if (!streamEnded) {
        up.onCompleted();
      }
    }
    channel.shutdown();
  }

  @Override
  public void close() throws InterruptedException {
    disconnect();
    if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
      channel.shutdownNow();
    }
  }
}
