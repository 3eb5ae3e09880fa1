package io.trantor.compiler.placement;

import java.util.List;

/**
 * A server (a set of identical replicas) as placement sees it.
 *
 * @param shared whether models without a {@code server} pin may land here (Seldon: all servers
 *     are shared unless configured otherwise)
 */
public record ServerView(String name, boolean shared, List<ReplicaView> replicas) {
  public ServerView {
    replicas = List.copyOf(replicas);
  }
}
