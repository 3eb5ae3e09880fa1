package io.trantor.agent.replica;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Settings of one agent: the process next to one server replica.
 *
 * @param namespace the namespace its server belongs to ({@code default})
 * @param serverName the Server it is a replica of, e.g. {@code mlserver}
 * @param replicaIndex its index within the server (0-based)
 * @param controlTarget host:port of the control plane's gRPC API
 * @param host address its OIP endpoint binds ({@code 127.0.0.1} locally)
 * @param port its OIP endpoint port (REST and gRPC); 0 picks a free one
 * @param cacheDir where fetched artifacts are cached, by URI (kept across restarts)
 * @param storageRewrites applied in order to every storage URI before fetching
 * @param memoryBytes memory it offers to models
 * @param overcommitPercent models may be registered up to memory × (1 + overcommit/100); the
 *     least recently used are evicted and reloaded on the next request
 * @param capabilities capability tags; when empty, those of the runtimes on the class path
 * @param extraCapabilities added to the capabilities (Seldon's {@code extraCapabilities})
 * @param inferenceHost host:port of the data plane (the gateway) that explainers send their
 *     model's or pipeline's inference requests to (Seldon's Envoy host and port)
 */
public record AgentConfig(
    String namespace,
    String serverName,
    int replicaIndex,
    String controlTarget,
    String host,
    int port,
    Path cacheDir,
    List<StorageRewrite> storageRewrites,
    long memoryBytes,
    int overcommitPercent,
    Set<String> capabilities,
    Set<String> extraCapabilities,
    String inferenceHost) {

  public AgentConfig {
    storageRewrites = List.copyOf(storageRewrites);
    capabilities = Set.copyOf(capabilities);
    extraCapabilities = Set.copyOf(extraCapabilities);
  }
}
