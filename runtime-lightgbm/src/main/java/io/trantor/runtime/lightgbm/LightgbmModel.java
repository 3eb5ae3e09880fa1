package io.trantor.runtime.lightgbm;

import io.github.metarank.lightgbm4j.LGBMException;
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
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded LightGBM booster, freed on {@link #close}.
 *
 * <p>Predictions run one at a time. LightGBM's C API takes only a shared lock for batch
 * prediction, but building its per-call predictor writes fields of the shared booster (LightGBM
 * issue 6142, open), so concurrent use is not guaranteed safe. A single-row prediction takes a
 * few microseconds, so the lock costs little; a pool of boosters would be the next step if it
 * ever shows up in a profile. Closing takes the same lock, so the booster is never freed under a
 * running prediction.
 */
final class LightgbmModel implements LoadedModel {
  static final String OUTPUT_NAME = "predict";
  /** One native thread per prediction: requests already run in parallel. */
  private static final String PREDICTION_PARAMETERS = "num_threads=1";

  private static final Logger log = LoggerFactory.getLogger(LightgbmModel.class);

  private final String name;
  private final NativeBooster booster;
  private final InputLayout layout;
  private final int outputWidth;
  private final ModelSignature signature;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean closed; // guarded by lock

  /**
   * Takes ownership of {@code booster}.
   *
   * @param outputWidth values per row that {@code predict} returns (1, or the class count)
   */
  LightgbmModel(String name, NativeBooster booster, InputLayout layout, int outputWidth) {
    this.name = name;
    this.booster = booster;
    this.layout = layout;
    this.outputWidth = outputWidth;
    this.signature =
        new ModelSignature(
            "lightgbm", layout.inputs(), List.of(TensorMetadata.of(OUTPUT_NAME, Datatype.FP64, -1, outputWidth)));
  }

  @Override
  public ModelSignature signature() {
    return signature;
  }

  @Override
  public List<Tensor> infer(InferenceRequest request) {
    FeatureMatrix matrix = FeatureMatrix.of(request, layout);
    double[] predictions = matrix.rows() == 0 ? new double[0] : predict(matrix);
    return List.of(Tensor.ofDoubles(OUTPUT_NAME, new long[] {matrix.rows(), outputWidth}, predictions));
  }

  private double[] predict(FeatureMatrix matrix) {
    lock.lock();
    try {
      if (closed) {
        throw new ModelNotReadyException("model '" + name + "' has been unloaded");
      }
      return booster.predict(matrix.values(), matrix.rows(), matrix.features(), PREDICTION_PARAMETERS);
    } catch (LGBMException e) {
      throw new InferenceFailedException(
          "model '" + name + "': LightGBM prediction failed: " + NativeErrorMessage.of(e), e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        booster.close();
      }
    } catch (LGBMException e) {
      // Nothing more can be freed; the model is gone either way.
      log.warn("model {}: freeing the LightGBM booster failed: {}", name, NativeErrorMessage.of(e));
    } finally {
      lock.unlock();
    }
  }
}
