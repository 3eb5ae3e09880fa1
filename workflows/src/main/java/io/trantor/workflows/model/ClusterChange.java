package io.trantor.workflows.model;

/**
 * A server replica joined ({@code lost == false}) or left ({@code lost == true}). Models that had
 * replicas there place them again; models that could not be placed try again.
 */
public record ClusterChange(String server, int replicaIndex, boolean lost) {}
