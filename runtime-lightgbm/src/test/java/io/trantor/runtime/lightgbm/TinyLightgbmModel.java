package io.trantor.runtime.lightgbm;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.ModelArtifact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small seeded LightGBM model on 4 integer-valued features, saved as a text model, plus
 * LightGBM's own predictions to compare the runtime against.
 */
final class TinyLightgbmModel {
  static final int FEATURES = 4;

  private TinyLightgbmModel() {}

  /** {@code rows × FEATURES} small integers from a fixed seed. */
  static double[] rows(long seed, int rows) {
    Random random = new Random(seed);
    double[] values = new double[rows * FEATURES];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextInt(20);
    }
    return values;
  }

  /** A binary model trained on 300 seeded rows, saved as {@code folder/fileName}. */
  static void trainBinary(Path folder, String fileName) throws Exception {
    train(folder, fileName, "objective=binary", 2);
  }

  /** A three-class model, for outputs with one value per class. */
  static void trainMulticlass(Path folder, String fileName) throws Exception {
    train(folder, fileName, "objective=multiclass num_class=3", 3);
  }

  private static void train(Path folder, String fileName, String objective, int classes) throws Exception {
    double[] features = rows(7, 300);
    float[] labels = new float[300];
    for (int row = 0; row < labels.length; row++) {
      labels[row] = (int) (features[row * FEATURES] + 2 * features[row * FEATURES + 1]) * classes / 60;
    }
    String params =
        objective + " num_threads=1 deterministic=true force_row_wise=true seed=1 verbosity=-1 min_data_in_leaf=5";
    try (LGBMDataset train = LGBMDataset.createFromMat(features, 300, FEATURES, true, params, null)) {
      train.setField("label", labels);
      try (LGBMBooster booster = LGBMBooster.create(train, params)) {
        for (int i = 0; i < 8; i++) {
          booster.updateOneIter();
        }
        Files.writeString(
            folder.resolve(fileName), booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.SPLIT));
      }
    }
  }

  /** What LightGBM itself predicts for {@code rows} with the model saved at {@code file}. */
  static double[] expected(Path file, double[] rows) throws Exception {
    try (LGBMBooster booster = LGBMBooster.loadModelFromString(Files.readString(file))) {
      return booster.predictForMat(rows, rows.length / FEATURES, FEATURES, true, PredictionType.C_API_PREDICT_NORMAL);
    }
  }

  static ModelArtifact artifact(Path folder, Path uri, String implementation, List<TensorMetadata> declaredInputs) {
    return new ModelArtifact(
        "tiny", "1", folder, uri, implementation, null, 0, declaredInputs, List.of(), Map.of(), null);
  }
}
