package io.trantor.workflows.activity;

/** Input of {@link AgentActivities#unload}: unload {@code <model>_<version>} from one replica. */
public record UnloadRequest(String namespace, ReplicaTarget replica, String model, long version) {}
