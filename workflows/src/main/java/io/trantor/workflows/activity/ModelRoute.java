package io.trantor.workflows.activity;

import java.util.List;

/** Where requests for a model go: the serving version and the replicas that hold it. */
public record ModelRoute(String namespace, String model, long version, List<ReplicaTarget> endpoints) {}
