package io.trantor.control;

import io.trantor.dsl.Server;

/**
 * Starts and stops a Server's replicas (agent + inference server), the part Kubernetes plays with
 * a StatefulSet. {@code trantor up} implements it with in-process agents; the control plane calls
 * it when a Server manifest is applied or deleted. Replicas join the cluster view when their agent
 * connects, not when this returns.
 */
public interface ServerReplicas {

  /** Makes {@code server} have {@code server.spec().replicas()} replicas (0 stops them all). */
  void scale(Server server);

  /** Does nothing: for a control plane whose servers are started by someone else (Kubernetes). */
  ServerReplicas EXTERNAL = server -> {};
}
