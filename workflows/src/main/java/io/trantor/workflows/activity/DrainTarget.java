package io.trantor.workflows.activity;

/** One leaving server replica, as the drain activities name it. */
public record DrainTarget(String namespace, String server, int replicaIndex) {}
