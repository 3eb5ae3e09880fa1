package io.trantor.workflows.activity;

import java.util.List;

/** Input of {@link PlacementActivities#release}: the model version no longer uses these replicas. */
public record ReleaseRequest(String namespace, String model, long version, List<ReplicaTarget> replicas) {}
