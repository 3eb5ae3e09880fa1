package io.trantor.agent.replica;

import io.opentelemetry.api.OpenTelemetry;
import io.trantor.agent.ModelAccess;
import io.trantor.agent.ModelRegistry;
import io.trantor.agent.artifact.ArtifactFetcher;
import io.trantor.agent.server.OipServer;
import io.trantor.agent.server.ServeConfig;
import io.trantor.protocol.ModelNotFoundException;
import io.trantor.protocol.control.AgentCommand;
import io.trantor.protocol.control.AgentMessage;
import io.trantor.protocol.control.CommandResult;
import io.trantor.protocol.control.LoadedModel;
import io.trantor.protocol.control.ModelEvicted;
import io.trantor.protocol.control.Register;
import io.trantor.runtime.api.ModelRuntime;
import io.trantor.runtime.api.RuntimeRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running agent: an OIP endpoint over its own model registry, and a connection to the
 * control plane (registers, executes load/unload commands, reconnects after the control plane
 * restarts). Models are served as {@code <model>_<version>}.
 *
 * <p>Parts, in start order: the artifact fetcher (cache under {@code cacheDir}), the registry over
 * the models the control plane asked for, with memory accounting and LRU eviction
 * ({@link ModelResidency}), the OIP server, and the control-plane stream. Closing stops them in
 * reverse order and unloads every model.
 */
public final class Agent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

  private final AgentConfig config;
  private final List<String> capabilities;
  private final ArtifactFetcher fetcher;
  private final ModelRegistry registry;
  private final ModelResidency residency;
  private final ModelCommands commands;
  /** Requests being served now (leases held), which a drain waits to see reach 0. */
  private final java.util.concurrent.atomic.AtomicLong inFlight = new java.util.concurrent.atomic.AtomicLong();
  private OipServer server;
  private ControlConnection connection;

  private Agent(AgentConfig config, RuntimeRegistry runtimes, Map<String, String> env) {
    this.config = config;
    TreeSet<String> tags = new TreeSet<>(config.capabilities().isEmpty() ? runtimes.capabilities() : config.capabilities());
    tags.addAll(config.extraCapabilities());
    this.capabilities = List.copyOf(tags);
    this.fetcher = new ArtifactFetcher(
        config.cacheDir(), uri -> StorageRewrite.applyAll(config.storageRewrites(), uri), env);
    ServedModels models = new ServedModels();
    this.registry = new ModelRegistry(models, runtimes, this::access);
    this.residency = new ModelResidency(
        config.memoryBytes(), config.overcommitPercent(), new RegistryLoader(registry), this::evicted);
    // A model's memory counts once per copy its runtime keeps (MLServer's parallel workers).
    int copies = runtimes.runtimes().stream().mapToInt(ModelRuntime::copiesPerModel).max().orElse(1);
    this.commands = new ModelCommands(fetcher, models, residency, copies, config.inferenceHost());
  }

  /**
   * Starts the OIP endpoint and begins connecting to the control plane (in the background; it
   * keeps retrying). The caller keeps owning {@code runtimes}. Credentials and endpoints for
   * remote storage come from the environment (see {@link ArtifactFetcher}).
   */
  public static Agent start(AgentConfig config, RuntimeRegistry runtimes) {
    return start(config, runtimes, System.getenv());
  }

  /** As {@link #start(AgentConfig, RuntimeRegistry)}, reading storage settings from {@code env}. */
  public static Agent start(AgentConfig config, RuntimeRegistry runtimes, Map<String, String> env) {
    return start(config, runtimes, env, AgentSecurity.NONE, OpenTelemetry.noop());
  }

  /** As {@link #start(AgentConfig, RuntimeRegistry, Map)}, with TLS on the OIP port and to the control plane. */
  public static Agent start(AgentConfig config, RuntimeRegistry runtimes, Map<String, String> env, AgentSecurity security) {
    return start(config, runtimes, env, security, OpenTelemetry.noop());
  }

  /**
   * As {@link #start(AgentConfig, RuntimeRegistry, Map)}, with a SERVER span for every request
   * (the child of a tracing gateway's span) when {@code openTelemetry} traces.
   */
  public static Agent start(AgentConfig config, RuntimeRegistry runtimes, Map<String, String> env,
      OpenTelemetry openTelemetry) {
    return start(config, runtimes, env, AgentSecurity.NONE, openTelemetry);
  }

  /** With TLS as {@code security} says and SERVER spans when {@code openTelemetry} traces. */
  public static Agent start(AgentConfig config, RuntimeRegistry runtimes, Map<String, String> env, AgentSecurity security,
      OpenTelemetry openTelemetry) {
    Agent agent = new Agent(config, runtimes, env);
    try {
      // Requests run on a pool, not the event loops: a request for an evicted model waits for
      // its reload, and that wait must not stall the other connections of its event loop.
      agent.server = OipServer.start(agent.registry, new ServeConfig(
          config.host(), config.port(), ServeConfig.DEFAULT_MAX_REQUEST_BYTES, ServeConfig.DEFAULT_REQUEST_TIMEOUT,
          false, ServeConfig.InferenceThreads.POOL), security.listener(), openTelemetry);
      agent.connection = new ControlConnection(config.controlTarget(), security.toControl().channelCredentials(),
          agent::registration, agent::execute);
      agent.connection.start();
    } catch (RuntimeException e) {
      agent.close();
      throw e;
    }
    LOG.info("Agent {}/{}-{} serving on {}, control plane {}, memory {} bytes (+{}% overcommit), capabilities {}",
        config.namespace(), config.serverName(), config.replicaIndex(), agent.endpoint(), config.controlTarget(),
        config.memoryBytes(), config.overcommitPercent(), agent.capabilities);
    return agent;
  }

  /** host:port of the OIP endpoint. */
  public String endpoint() {
    return advertisedHost(config.host()) + ":" + server.port();
  }

  /** True while the control-plane stream is up and registered. */
  public boolean connected() {
    return connection != null && connection.connected();
  }

  /** Disconnects, stops the endpoint, unloads every model. */
  @Override
  public void close() {
    List<RuntimeException> failures = new ArrayList<>();
    run(failures, connection);
    run(failures, server);
    run(failures, registry);
    run(failures, fetcher);
    if (!failures.isEmpty()) {
      RuntimeException first = failures.getFirst();
      failures.stream().skip(1).forEach(first::addSuppressed);
      throw first;
    }
  }

  private static void run(List<RuntimeException> failures, AutoCloseable part) {
    if (part == null) {
      return;
    }
    try {
      part.close();
    } catch (RuntimeException e) {
      failures.add(e);
    } catch (Exception e) {
      failures.add(new IllegalStateException(e));
    }
  }

  private ModelAccess.Lease access(String servedName) {
    ModelAccess.Lease lease = residency.acquire(servedName);
    inFlight.incrementAndGet();
    java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    return () -> {
      if (closed.compareAndSet(false, true)) { // a lease closed twice counts once
        inFlight.decrementAndGet();
        lease.close();
      }
    };
  }

  /** Requests this replica is serving now. */
  public long inFlightRequests() {
    return inFlight.get();
  }

  private Register registration() {
    Register.Builder register = Register.newBuilder()
        .setNamespace(config.namespace())
        .setServerName(config.serverName())
        .setReplicaIndex(config.replicaIndex())
        .setEndpoint(endpoint())
        .addAllCapabilities(capabilities)
        .setMemoryBytes(config.memoryBytes())
        .setOvercommitPercent(config.overcommitPercent());
    return register.addAllLoadedModels(loadedModels()).build();
  }

  private List<LoadedModel> loadedModels() {
    return commands.held().stream()
        .map(key -> LoadedModel.newBuilder().setModelName(key.model()).setVersion(key.version()).build())
        .toList();
  }

  private CommandResult execute(AgentCommand command) {
    CommandResult.Builder result = CommandResult.newBuilder().setCommandId(command.getCommandId());
    try {
      switch (command.getCommandCase()) {
        case LOAD -> commands.load(command.getLoad());
        case UNLOAD -> commands.unload(command.getUnload());
        case LIST -> result.addAllLoadedModels(loadedModels());
        case LOAD_REPORT -> result.setInFlightRequests(inFlight.get());
        case COMMAND_NOT_SET -> throw new LoadRefusedException("the command " + command.getCommandId() + " is empty");
      }
      return result.setOk(true).build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return result.setOk(false).setError("the agent is shutting down").build();
    } catch (RuntimeException e) {
      String reason = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
      LOG.warn("Command {} ({}) failed: {}", command.getCommandId(), command.getCommandCase(), reason);
      LOG.debug("Command failure", e);
      return result.setOk(false).setError(reason).build();
    }
  }

  private void evicted(String servedName) {
    ModelKey key = commands.keyOf(servedName);
    if (key != null && connection != null) {
      connection.send(AgentMessage.newBuilder()
          .setEvicted(ModelEvicted.newBuilder().setModelName(key.model()).setVersion(key.version()))
          .build());
    }
  }

  private static String advertisedHost(String host) {
    if (!host.equals("0.0.0.0") && !host.equals("::") && !host.equals("[::]")) {
      return host;
    }
    try {
      return InetAddress.getLocalHost().getHostAddress();
    } catch (UnknownHostException e) {
      return "127.0.0.1";
    }
  }

  /** Loads and unloads through the registry; unloading a model it never saw is not an error. */
  private record RegistryLoader(ModelRegistry registry) implements ModelResidency.Loader {
    @Override
    public void load(String name) {
      registry.load(name);
    }

    @Override
    public void unload(String name) {
      try {
        registry.unload(name);
      } catch (ModelNotFoundException e) {
        // never loaded here: nothing to free
      }
    }
  }
}
