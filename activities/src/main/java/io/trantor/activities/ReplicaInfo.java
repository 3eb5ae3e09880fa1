package io.trantor.activities;

import java.util.List;
import java.util.Set;

/**
 * What an agent says about its replica when it registers.
 *
 * @param endpoint host:port of the replica's OIP endpoint
 * @param memoryBytes the replica's memory
 * @param overcommitPercent how far past {@code memoryBytes} models may be registered
 * @param loadedModels {@code <model>_<version>} names the agent still holds (after a reconnect)
 */
public record ReplicaInfo(
    ReplicaKey key,
    String endpoint,
    Set<String> capabilities,
    long memoryBytes,
    int overcommitPercent,
    List<String> loadedModels) {

  public ReplicaInfo {
    capabilities = Set.copyOf(capabilities);
    loadedModels = List.copyOf(loadedModels);
    endpoint = endpoint == null ? "" : endpoint;
  }
}
