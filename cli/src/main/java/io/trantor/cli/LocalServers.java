package io.trantor.cli;

import io.opentelemetry.api.OpenTelemetry;
import io.trantor.agent.replica.Agent;
import io.trantor.agent.replica.AgentSecurity;
import io.trantor.agent.replica.AgentConfig;
import io.trantor.agent.replica.StorageRewrite;
import io.trantor.control.ServerReplicas;
import io.trantor.dsl.Server;
import io.trantor.runtime.api.RuntimeRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server replicas as in-process agents, for {@code trantor up}: the part a StatefulSet plays on
 * Kubernetes. Each replica is an {@link Agent} with its own OIP endpoint on a free loopback port,
 * backed by the built-in runtimes (or, with {@code --mlserver}, replicas of {@code mlserver} servers
 * by their own MLServer: {@link MlServerReplicas}); it joins the cluster when it connects to the
 * control plane.
 *
 * <p>Scaling down stops the highest indexes first (as a StatefulSet does). The stopped agent
 * disconnects, and the control plane places its models elsewhere.
 */
final class LocalServers implements ServerReplicas, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalServers.class);

  /** How each replica is set up; the same for every server of this {@code trantor up}. */
  record ReplicaSettings(
      String controlTarget,
      String host,
      Path cacheDir,
      List<StorageRewrite> storageRewrites,
      long memoryBytes,
      int overcommitPercent,
      String inferenceHost) {}

  private final RuntimeRegistry runtimes;
  private final ReplicaSettings settings;
  private final MlServerReplicas mlserver;
  private final AgentSecurity security;
  private final OpenTelemetry openTelemetry;
  private final Map<String, List<Agent>> replicas = new HashMap<>();
  /** Runtimes a single replica owns (its MLServer), closed when that replica stops. */
  private final Map<Agent, RuntimeRegistry> ownRuntimes = new HashMap<>();
  private boolean closed;

  LocalServers(RuntimeRegistry runtimes, ReplicaSettings settings) {
    this(runtimes, settings, null);
  }

  /** @param mlserver when not null, replicas of {@code mlserver} servers run a real MLServer */
  LocalServers(RuntimeRegistry runtimes, ReplicaSettings settings, MlServerReplicas mlserver) {
    this(runtimes, settings, mlserver, AgentSecurity.NONE, OpenTelemetry.noop());
  }

  /**
   * @param security      how replicas reach the control plane (TLS when it has it) and serve
   * @param openTelemetry the replicas' tracing (their agents' SERVER spans)
   */
  LocalServers(RuntimeRegistry runtimes, ReplicaSettings settings, MlServerReplicas mlserver, AgentSecurity security,
      OpenTelemetry openTelemetry) {
    this.runtimes = runtimes;
    this.settings = settings;
    this.mlserver = mlserver;
    this.security = security;
    this.openTelemetry = openTelemetry;
  }

  @Override
  public synchronized void scale(Server server) {
    if (closed) {
      return;
    }
    String key = server.metadata().namespace() + "/" + server.metadata().name();
    List<Agent> agents = replicas.computeIfAbsent(key, k -> new ArrayList<>());
    int desired = Math.max(0, server.spec().replicas());
    while (agents.size() > desired) {
      Agent agent = agents.remove(agents.size() - 1);
      log.info("stopping replica {}-{}", server.metadata().name(), agents.size());
      stop(agent);
    }
    while (agents.size() < desired) {
      int index = agents.size();
      if (mlserver != null && mlserver.backs(server)) {
        RuntimeRegistry own = mlserver.open(server, index);
        try {
          Agent agent = Agent.start(config(server, index), own, System.getenv(), security, openTelemetry);
          ownRuntimes.put(agent, own);
          agents.add(agent);
        } catch (RuntimeException e) {
          own.close();
          throw e;
        }
      } else {
        agents.add(Agent.start(config(server, index), runtimes, System.getenv(), security, openTelemetry));
      }
      log.info("started replica {}-{}", server.metadata().name(), index);
    }
  }

  private AgentConfig config(Server server, int index) {
    // A Server's explicit capabilities replace what the runtimes offer (Seldon's override);
    // extraCapabilities add to either. A real MLServer replica advertises MLServer's own; every
    // other replica of a default server advertises what Seldon's ServerConfig of that name does.
    Set<String> capabilities = new LinkedHashSet<>(server.spec().capabilities());
    if (capabilities.isEmpty() && (mlserver == null || !mlserver.backs(server))) {
      DefaultServerCapabilities.of(server.spec().serverConfig(), runtimes.capabilities())
          .ifPresent(capabilities::addAll);
    }
    return new AgentConfig(
        server.metadata().namespace(),
        server.metadata().name(),
        index,
        settings.controlTarget(),
        settings.host(),
        0,
        settings.cacheDir(),
        settings.storageRewrites(),
        settings.memoryBytes(),
        settings.overcommitPercent(),
        capabilities,
        Set.copyOf(server.spec().extraCapabilities()),
        settings.inferenceHost());
  }

  /** Replicas currently running, per namespace/server. */
  synchronized Map<String, Integer> counts() {
    Map<String, Integer> counts = new HashMap<>();
    replicas.forEach((k, v) -> counts.put(k, v.size()));
    return counts;
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (List<Agent> agents : replicas.values()) {
      for (int i = agents.size() - 1; i >= 0; i--) {
        try {
          stop(agents.get(i));
        } catch (RuntimeException e) {
          log.warn("stopping an agent failed: {}", e.toString());
        }
      }
    }
    replicas.clear();
  }

  /** Stops the agent, then the runtimes only it used (its MLServer). */
  private void stop(Agent agent) {
    RuntimeRegistry own = ownRuntimes.remove(agent);
    try {
      agent.close();
    } finally {
      if (own != null) {
        own.close();
      }
    }
  }
}
