package io.trantor.cli;

import io.trantor.agent.replica.StorageRewrite;
import io.trantor.dsl.Quantity;
import java.util.ArrayList;
import java.util.List;

/**
 * The replica settings that {@code trantor up} and {@code trantor agent} both take on the command
 * line, parsed once, with the option's name in every error.
 */
record ReplicaOptions(long memoryBytes, List<StorageRewrite> storageRewrites) {

  static ReplicaOptions parse(String memoryOption, String memory, List<String> rewriteRules) {
    long memoryBytes;
    try {
      memoryBytes = Quantity.parse(memory).bytes();
    } catch (IllegalArgumentException e) {
      throw new UserInputException(memoryOption + ": " + e.getMessage());
    }
    List<StorageRewrite> rewrites = new ArrayList<>();
    for (String rule : rewriteRules) {
      try {
        rewrites.add(StorageRewrite.parse(rule));
      } catch (IllegalArgumentException e) {
        throw new UserInputException("--storage-rewrite: " + e.getMessage());
      }
    }
    return new ReplicaOptions(memoryBytes, List.copyOf(rewrites));
  }
}
