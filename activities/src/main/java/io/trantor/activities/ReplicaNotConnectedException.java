package io.trantor.activities;

/** The replica an agent command was meant for has no live stream to the control plane. */
public final class ReplicaNotConnectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ReplicaKey replica;

  public ReplicaNotConnectedException(ReplicaKey replica) {
    super("replica " + replica + " is not connected");
    this.replica = replica;
  }

  public ReplicaKey replica() {
    return replica;
  }
}
