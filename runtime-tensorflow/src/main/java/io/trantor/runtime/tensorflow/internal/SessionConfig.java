package io.trantor.runtime.tensorflow.internal;

import org.tensorflow.proto.ConfigProto;

/**
 * The session options every model gets. A server takes many requests at once on a machine with
 * few cores, so each request runs its ops on the calling thread (a negative inter-op count) with
 * one thread per op, instead of every session starting pools sized to the machine that would
 * only contend with each other.
 */
final class SessionConfig {
  private SessionConfig() {}

  static ConfigProto serving() {
    return ConfigProto.newBuilder()
        .setInterOpParallelismThreads(-1)
        .setIntraOpParallelismThreads(1)
        .setAllowSoftPlacement(true)
        .build();
  }
}
