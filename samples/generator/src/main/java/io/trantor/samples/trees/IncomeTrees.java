package io.trantor.samples.trees;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Income-like tree ensembles (12 Adult-style features, see shared reference
 * seldon-api-surface.md §5.1 A23/A24), trained on seeded synthetic data so the files are the same
 * on every run.
 */
public final class IncomeTrees {
  private IncomeTrees() {}

  /** Writes an XGBoost model folder (model-settings.json + model.json) into {@code modelDir}. */
  public static void writeXgboost(Path modelDir) throws IOException {
    throw new UnsupportedOperationException("not yet");
  }

  /** Writes a LightGBM model folder (model-settings.json + model.txt) into {@code modelDir}. */
  public static void writeLightgbm(Path modelDir) throws IOException {
    throw new UnsupportedOperationException("not yet");
  }
}
