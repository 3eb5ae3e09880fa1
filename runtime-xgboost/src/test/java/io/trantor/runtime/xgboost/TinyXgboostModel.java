package io.trantor.runtime.xgboost;

import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.ModelArtifact;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A small seeded binary:logistic model on 4 integer-valued features, saved into a folder, plus
 * XGBoost's own predictions to compare the runtime against.
 */
final class TinyXgboostModel {
  static final int FEATURES = 4;

  private TinyXgboostModel() {}

  /** {@code rows × FEATURES} small integers from a fixed seed. */
  static float[] rows(long seed, int rows) {
    Random random = new Random(seed);
    float[] values = new float[rows * FEATURES];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextInt(20);
    }
    return values;
  }

  /** A binary:logistic model on 300 seeded rows, saved as {@code folder/fileName} (the extension picks the format). */
  static void train(Path folder, String fileName) throws XGBoostError {
    train(folder, fileName, Map.of("objective", "binary:logistic"), 2);
  }

  /** A three-class multi:softprob model, for outputs with one value per class. */
  static void trainMulticlass(Path folder, String fileName) throws XGBoostError {
    train(folder, fileName, Map.of("objective", "multi:softprob", "num_class", 3), 3);
  }

  private static void train(Path folder, String fileName, Map<String, Object> objective, int classes)
      throws XGBoostError {
    float[] features = rows(7, 300);
    float[] labels = new float[300];
    for (int row = 0; row < labels.length; row++) {
      labels[row] = (int) (features[row * FEATURES] + 2 * features[row * FEATURES + 1]) * classes / 60;
    }
    DMatrix train = new DMatrix(features, 300, FEATURES, Float.NaN);
    try {
      train.setLabel(labels);
      Map<String, Object> params = new HashMap<>(Map.of("max_depth", 3, "nthread", 1, "seed", 1));
      params.putAll(objective);
      Booster booster = XGBoost.train(train, params, 8, Map.of(), null, null);
      try {
        booster.saveModel(folder.resolve(fileName).toString());
      } finally {
        booster.dispose();
      }
    } finally {
      train.dispose();
    }
  }

  /** What XGBoost itself predicts for {@code rows} with the model saved at {@code file}, flattened. */
  static float[] expected(Path file, float[] rows) throws XGBoostError {
    Booster booster = XGBoost.loadModel(file.toString());
    DMatrix data = new DMatrix(rows, rows.length / FEATURES, FEATURES, Float.NaN);
    try {
      float[][] predictions = booster.predict(data);
      int width = predictions[0].length;
      float[] flat = new float[predictions.length * width];
      for (int row = 0; row < predictions.length; row++) {
        System.arraycopy(predictions[row], 0, flat, row * width, width);
      }
      return flat;
    } finally {
      data.dispose();
      booster.dispose();
    }
  }

  static ModelArtifact artifact(Path folder, Path uri, String implementation, List<TensorMetadata> declaredInputs) {
    return new ModelArtifact(
        "tiny", "1", folder, uri, implementation, null, 0, declaredInputs, List.of(), Map.of(), null);
  }
}
