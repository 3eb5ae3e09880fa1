package io.trantor.workflows.model;

/**
 * One model replica.
 *
 * @param state Seldon's replica state names: LoadRequested, Loading, Loaded, Available,
 *     LoadFailed, UnloadRequested, Unloading, Unloaded, UnloadFailed, Draining
 * @param endpoint host:port of the replica's OIP endpoint
 */
public record ReplicaStatus(
    String server, int replicaIndex, long version, String state, String reason, String endpoint) {}
