package io.trantor.compiler.placement;

import java.util.List;

/**
 * What a model asks of placement.
 *
 * @param requirements capability tags every chosen replica must have
 * @param memoryBytes memory of one model replica
 * @param replicas desired replica count
 * @param minReplicas when > 0, fewer replicas (at least this many) are acceptable: partial
 *     placement, as in Seldon
 * @param server pin to this server name, or {@code null}
 * @param currentServer the server the model's replicas are on now, or {@code null}; placement
 *     prefers to stay there
 */
public record ModelDemand(
    String model,
    List<String> requirements,
    long memoryBytes,
    int replicas,
    int minReplicas,
    String server,
    String currentServer) {

  public ModelDemand {
    requirements = List.copyOf(requirements);
  }
}
