package io.trantor.workflows.server;

/**
 * Drain one replica of the server.
 *
 * @param id the caller's name for this order, so it can find the outcome in {@link ServerWorkflow#status}
 * @param gracePeriodSeconds the cap of the whole drain (the Server's terminationGracePeriodSeconds)
 */
public record DrainOrder(String id, int replicaIndex, long gracePeriodSeconds) {}
