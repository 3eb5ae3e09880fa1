package io.trantor.workflows.activity;

import java.util.List;

/**
 * Input of {@link PlacementActivities#place}.
 *
 * @param server pin to this server, or {@code null}
 * @param currentServer where the model's replicas are now, or {@code null}
 */
public record PlacementRequest(
    String namespace,
    String model,
    long version,
    List<String> requirements,
    long memoryBytes,
    int replicas,
    int minReplicas,
    String server,
    String currentServer) {}
