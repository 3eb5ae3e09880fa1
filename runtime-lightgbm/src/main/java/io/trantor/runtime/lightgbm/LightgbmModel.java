package io.trantor.runtime.lightgbm;

import io.github.metarank.lightgbm4j.LGBMException;
import io.trantor.protocol.Datatype;
import io.trantor.protocol.Tensor;
import io.trantor.runtime.api.tabular.FeatureMatrix;
import io.trantor.runtime.api.tabular.InputLayout;
import io.trantor.runtime.api.tabular.TabularLoadedModel;

/**
 * One loaded LightGBM booster, freed on {@link #close}.
 *
 * <p>Predictions run one at a time. LightGBM's C API takes only a shared lock for batch
 * prediction, but building its per-call predictor writes fields of the shared booster (LightGBM
 * issue 6142, open), so concurrent use is not guaranteed safe. A single-row prediction takes a
 * few microseconds, so the lock costs little; a pool of boosters would be the next step if it
 * ever shows up in a profile.
 */
final class LightgbmModel extends TabularLoadedModel {
  /** One native thread per prediction: requests already run in parallel. */
  private static final String PREDICTION_PARAMETERS = "num_threads=1";

  private final NativeBooster booster;

  /** Takes ownership of {@code booster}. */
  LightgbmModel(String name, NativeBooster booster, InputLayout layout, int outputWidth) {
    super(name, "LightGBM", "lightgbm", Datatype.FP64, layout, outputWidth, false);
    this.booster = booster;
  }

  @Override
  protected Tensor predict(FeatureMatrix matrix, long[] shape) throws LGBMException {
    double[] predictions =
        booster.predict(matrix.values(), matrix.rows(), matrix.features(), PREDICTION_PARAMETERS);
    return Tensor.ofDoubles(OUTPUT_NAME, shape, predictions);
  }

  @Override
  protected void free() throws LGBMException {
    booster.close();
  }
}
