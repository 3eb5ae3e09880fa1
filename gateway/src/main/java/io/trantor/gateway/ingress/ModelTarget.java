package io.trantor.gateway.ingress;

import java.util.List;

/**
 * Where requests for a model go: its serving version and the replicas that hold it.
 *
 * @param internalName the name the inference server knows the version by, {@code <model>_<version>}
 * @param seldonRoute Seldon's sticky-session value, {@code :<model>_<version>:} (reference §3.4)
 */
record ModelTarget(String model, long version, List<Replica> replicas, String internalName, String seldonRoute) {

  // The names are made once per route, not on every request that uses it.
  ModelTarget(String model, long version, List<Replica> replicas) {
    this(model, version, replicas, model + "_" + version, ":" + model + "_" + version + ":");
  }

  ModelTarget {
    replicas = List.copyOf(replicas);
  }
}
