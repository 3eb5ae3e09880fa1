package io.trantor.runtime.xgboost;

import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceFailedException;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.ModelNotReadyException;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelSignature;
import io.trantor.runtime.api.NativeErrorMessage;
import io.trantor.runtime.api.tabular.FeatureMatrix;
import io.trantor.runtime.api.tabular.InputLayout;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * One loaded XGBoost booster. Every request becomes a DMatrix that is freed right after the
 * prediction; the booster is freed on {@link #close}.
 *
 * <p>Predictions share the read side of a read-write lock when the booster is safe to use from
 * several threads (see {@link BoosterConcurrency}), and take the write side otherwise; closing
 * takes the write side, so the native booster is never freed under a running prediction.
 */
final class XgboostModel implements LoadedModel {
  static final String OUTPUT_NAME = "predict";

  private final String name;
  private final Booster booster;
  private final InputLayout layout;
  private final int outputWidth;
  private final ModelSignature signature;
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private final Lock predictionLock;
  private boolean closed; // guarded by the write lock

  /**
   * Takes ownership of {@code booster}.
   *
   * @param outputWidth values per row that {@code predict} returns (1, or the class count)
   */
  XgboostModel(String name, Booster booster, InputLayout layout, int outputWidth, boolean concurrentPrediction) {
    this.name = name;
    this.booster = booster;
    this.layout = layout;
    this.outputWidth = outputWidth;
    this.signature =
        new ModelSignature(
            "xgboost", layout.inputs(), List.of(TensorMetadata.of(OUTPUT_NAME, Datatype.FP32, -1, outputWidth)));
    this.predictionLock = concurrentPrediction ? lifecycle.readLock() : lifecycle.writeLock();
  }

  @Override
  public ModelSignature signature() {
    return signature;
  }

  @Override
  public List<Tensor> infer(InferenceRequest request) {
    FeatureMatrix matrix = FeatureMatrix.of(request, layout);
    float[] flat = new float[Math.multiplyExact(matrix.rows(), outputWidth)];
    if (matrix.rows() > 0) {
      float[][] predictions = predict(matrix);
      for (int row = 0; row < predictions.length; row++) {
        System.arraycopy(predictions[row], 0, flat, row * outputWidth, outputWidth);
      }
    }
    return List.of(Tensor.ofFloats(OUTPUT_NAME, new long[] {matrix.rows(), outputWidth}, flat));
  }

  private float[][] predict(FeatureMatrix matrix) {
    predictionLock.lock();
    try {
      if (closed) {
        throw new ModelNotReadyException("model '" + name + "' has been unloaded");
      }
      DMatrix data = new DMatrix(matrix.toFloats(), matrix.rows(), matrix.features(), Float.NaN);
      try {
        return booster.predict(data);
      } finally {
        data.dispose();
      }
    } catch (XGBoostError e) {
      throw new InferenceFailedException(
          "model '" + name + "': XGBoost prediction failed: " + NativeErrorMessage.of(e), e);
    } finally {
      predictionLock.unlock();
    }
  }

  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        booster.dispose();
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }
}
