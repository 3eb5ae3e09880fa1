package io.trantor.samples.conditional;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@code conditional} sample: a Java custom model packed as a jar with its
 * model-settings.json (shared reference seldon-api-surface.md §5.1 A5).
 */
public final class ConditionalSample {
  private ConditionalSample() {}

  /** Writes the model folder (model-settings.json + a reproducible jar) into {@code modelDir}. */
  public static void write(Path modelDir) throws IOException {
    throw new UnsupportedOperationException("not yet");
  }
}
