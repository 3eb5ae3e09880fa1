package io.trantor.gateway.ingress;

import java.util.List;

/** Where requests for a model go: its serving version and the replicas that hold it. */
record ModelTarget(String model, long version, List<Replica> replicas) {

  ModelTarget {
    replicas = List.copyOf(replicas);
  }

  /** The name the inference server knows the version by. */
  String internalName() {
    return model + "_" + version;
  }

  /** Seldon's sticky-session value, {@code :<model>_<version>:} (reference §3.4). */
  String seldonRoute() {
    return ":" + internalName() + ":";
  }
}
