package io.trantor.runtime.python.internal;

import com.google.protobuf.TextFormat;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.repository.triton.ModelConfig;
import io.trantor.runtime.api.repository.triton.ModelInstanceGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many instances (worker processes) a model gets: the sum of its config.pbtxt
 * {@code instance_group} counts, each at least 1 as in Triton; 1 without groups or config. GPU
 * groups count as CPU instances, since the workers run on the CPU.
 */
final class InstanceCount {
  /** Beyond this a typo ({@code count: 1000}) would fork-bomb the machine; Triton users rarely go past a few. */
  static final int MAX = 64;

  private static final TextFormat.Parser PARSER =
      TextFormat.Parser.newBuilder().setAllowUnknownFields(true).setAllowUnknownExtensions(true).build();

  private InstanceCount() {}

  /** The count, or a message (as an exception) when the config asks for more than {@link #MAX}. */
  static int of(ModelArtifact artifact) throws IllegalArgumentException {
    Path source = artifact.source();
    if (source == null || !source.getFileName().toString().equals("config.pbtxt") || !Files.isRegularFile(source)) {
      return 1;
    }
    ModelConfig.Builder config = ModelConfig.newBuilder();
    try {
      PARSER.merge(Files.readString(source), config);
    } catch (IOException e) {
      // The repository reader parsed this file moments ago; if it cannot now, one instance is safe.
      return 1;
    }
    long total = 0;
    for (ModelInstanceGroup group : config.getInstanceGroupList()) {
      total += Math.max(1, group.getCount());
    }
    if (total > MAX) {
      throw new IllegalArgumentException(source + ": instance_group asks for " + total
          + " instances; the python backend runs at most " + MAX + " worker processes per model");
    }
    return (int) Math.max(1, total);
  }
}
