package io.trantor.compiler.placement;

import java.util.List;

/**
 * Where the models of leaving replicas go: each model held on a leaving replica is either
 * {@link Move moved} to another replica of the same server or {@link Stay stays} where it is
 * (served until the grace period ends) with the reason no replica could take it.
 */
public record DrainPlan(List<Move> moves, List<Stay> stays) {
  public DrainPlan {
    moves = List.copyOf(moves);
    stays = List.copyOf(stays);
  }

  /** {@code model} (taking {@code memoryBytes}) leaves replica {@code from} for replica {@code to}. */
  public record Move(String model, long memoryBytes, int from, int to) {}

  /** {@code model} fits on no remaining replica; {@code reason} names the server and the memory. */
  public record Stay(String model, long memoryBytes, int from, String reason) {}
}
