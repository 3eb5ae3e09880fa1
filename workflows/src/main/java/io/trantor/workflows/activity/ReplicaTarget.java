package io.trantor.workflows.activity;

/**
 * One server replica a model replica lives on.
 *
 * @param endpoint host:port of the replica's OIP endpoint (REST and gRPC); empty when unknown
 */
public record ReplicaTarget(String server, int replicaIndex, String endpoint) {}
