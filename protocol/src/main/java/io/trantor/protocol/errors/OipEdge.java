package io.trantor.protocol.errors;

/**
 * Who answers a failed OIP call. The OIP errors read the same from every edge; the edges differ in
 * what a failure that is not the caller's means, and in whose body limit a caller ran into.
 */
public enum OipEdge {
  /**
   * An inference server (the agent's model server): a failure that is not an OIP error is a bug of
   * the server (REST 500, gRPC INTERNAL).
   */
  SERVER("server"),
  /**
   * The gateway: a failure that is not an OIP error happened on the way to a replica (REST 502, gRPC
   * UNAVAILABLE), and the gateway's own timeouts answer 504.
   */
  GATEWAY("gateway");

  private final String limitOwner;

  OipEdge(String limitOwner) {
    this.limitOwner = limitOwner;
  }

  /** Who sets the body limit, as the caller reads it ("the server's limit"). */
  public String limitOwner() {
    return limitOwner;
  }
}
