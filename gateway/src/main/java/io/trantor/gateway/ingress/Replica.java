package io.trantor.gateway.ingress;

/** One replica of a model version: the server replica it lives on and how to reach it. */
record Replica(String server, int replicaIndex, Upstream upstream) {}
