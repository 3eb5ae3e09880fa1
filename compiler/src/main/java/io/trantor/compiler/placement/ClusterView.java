package io.trantor.compiler.placement;

import java.util.List;

/** Every server of one namespace, as placement sees them at one moment. */
public record ClusterView(List<ServerView> servers) {
  public ClusterView {
    servers = List.copyOf(servers);
  }
}
