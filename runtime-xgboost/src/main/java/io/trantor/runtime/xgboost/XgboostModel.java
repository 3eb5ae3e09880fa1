package io.trantor.runtime.xgboost;

import io.trantor.protocol.Datatype;
import io.trantor.protocol.Tensor;
import io.trantor.runtime.api.tabular.FeatureMatrix;
import io.trantor.runtime.api.tabular.InputLayout;
import io.trantor.runtime.api.tabular.TabularLoadedModel;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * One loaded XGBoost booster. Every request becomes a DMatrix that is freed right after the
 * prediction; the booster is freed on {@link #close}. Predictions run concurrently when the
 * booster is safe to use from several threads (see {@link BoosterConcurrency}).
 */
final class XgboostModel extends TabularLoadedModel {
  private final Booster booster;

  /** Takes ownership of {@code booster}. */
  XgboostModel(String name, Booster booster, InputLayout layout, int outputWidth, boolean concurrentPrediction) {
    super(name, "XGBoost", "xgboost", Datatype.FP32, layout, outputWidth, concurrentPrediction);
    this.booster = booster;
  }

  @Override
  protected Tensor predict(FeatureMatrix matrix, long[] shape) throws XGBoostError {
    float[][] predictions;
    DMatrix data = new DMatrix(matrix.toFloats(), matrix.rows(), matrix.features(), Float.NaN);
    try {
      predictions = booster.predict(data);
    } finally {
      data.dispose();
    }
    int width = outputWidth();
    float[] flat = new float[Math.multiplyExact(matrix.rows(), width)];
    for (int row = 0; row < predictions.length; row++) {
      System.arraycopy(predictions[row], 0, flat, row * width, width);
    }
    return Tensor.ofFloats(OUTPUT_NAME, shape, flat);
  }

  @Override
  protected void free() {
    booster.dispose();
  }
}
