package io.trantor.activities;

import static java.util.Objects.requireNonNull;

/** Names one server replica: namespace, server and StatefulSet-like index. */
public record ReplicaKey(String namespace, String server, int index) {

  public ReplicaKey {
    requireNonNull(namespace, "namespace");
    requireNonNull(server, "server");
  }

  @Override
  public String toString() {
    return namespace + "/" + server + "/" + index;
  }
}
