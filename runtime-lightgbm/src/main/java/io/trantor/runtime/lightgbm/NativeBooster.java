package io.trantor.runtime.lightgbm;

import static com.microsoft.ml.lightgbm.lightgbmlibConstants.C_API_DTYPE_FLOAT64;
import static com.microsoft.ml.lightgbm.lightgbmlibConstants.C_API_PREDICT_NORMAL;

import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;
import io.github.metarank.lightgbm4j.LGBMException;
import java.nio.file.Path;

/**
 * A LightGBM booster handle, driven through the C API that lightgbm4j exposes (its SWIG layer).
 *
 * <p>Why not lightgbm4j's {@code LGBMBooster.predictForMat}: it sizes the result buffer as two
 * values per row, so a model with three or more classes writes past its end and corrupts the
 * native heap (this crashed the JVM in this module's tests). Here the buffer is sized by LightGBM
 * itself ({@code LGBM_BoosterCalcNumPredict}). Not thread-safe; {@link LightgbmModel} serialises
 * calls. Call {@link LightgbmNativeLibrary#load} before creating one.
 */
final class NativeBooster implements AutoCloseable {
  /** All iterations of the model (a value of 0 or less means no limit in LightGBM's C API). */
  private static final int ALL_ITERATIONS = -1;

  private final SWIGTYPE_p_void handle;
  private boolean closed;

  private NativeBooster(SWIGTYPE_p_void handle) {
    this.handle = handle;
  }

  static NativeBooster fromModelFile(Path file) throws LGBMException {
    SWIGTYPE_p_int iterations = lightgbmlib.new_intp();
    SWIGTYPE_p_p_void out = lightgbmlib.new_voidpp();
    try {
      check(lightgbmlib.LGBM_BoosterCreateFromModelfile(file.toString(), iterations, out));
      return new NativeBooster(lightgbmlib.voidpp_value(out));
    } finally {
      lightgbmlib.delete_voidpp(out);
      lightgbmlib.delete_intp(iterations);
    }
  }

  int features() throws LGBMException {
    SWIGTYPE_p_int out = lightgbmlib.new_intp();
    try {
      check(lightgbmlib.LGBM_BoosterGetNumFeature(handle, out));
      return lightgbmlib.intp_value(out);
    } finally {
      lightgbmlib.delete_intp(out);
    }
  }

  /** How many values {@code rows} rows predict to: rows × 1, or rows × classes. */
  long predictionLength(int rows) throws LGBMException {
    SWIGTYPE_p_long_long out = lightgbmlib.new_int64_tp();
    try {
      check(lightgbmlib.LGBM_BoosterCalcNumPredict(handle, rows, C_API_PREDICT_NORMAL, 0, ALL_ITERATIONS, out));
      return lightgbmlib.int64_tp_value(out);
    } finally {
      lightgbmlib.delete_int64_tp(out);
    }
  }

  /**
   * Normal predictions (probabilities for classifiers) for a row-major matrix.
   *
   * @param parameters LightGBM prediction parameters, e.g. {@code num_threads=1}
   */
  double[] predict(double[] rowMajor, int rows, int features, String parameters) throws LGBMException {
    int length = Math.toIntExact(predictionLength(rows));
    SWIGTYPE_p_double input = lightgbmlib.new_doubleArray(rowMajor.length);
    SWIGTYPE_p_double output = lightgbmlib.new_doubleArray(length);
    SWIGTYPE_p_long_long written = lightgbmlib.new_int64_tp();
    try {
      for (int i = 0; i < rowMajor.length; i++) {
        lightgbmlib.doubleArray_setitem(input, i, rowMajor[i]);
      }
      check(
          lightgbmlib.LGBM_BoosterPredictForMat(
              handle, lightgbmlib.double_to_voidp_ptr(input), C_API_DTYPE_FLOAT64, rows, features, 1,
              C_API_PREDICT_NORMAL, 0, ALL_ITERATIONS, parameters, written, output));
      double[] result = new double[Math.toIntExact(lightgbmlib.int64_tp_value(written))];
      for (int i = 0; i < result.length; i++) {
        result[i] = lightgbmlib.doubleArray_getitem(output, i);
      }
      return result;
    } finally {
      lightgbmlib.delete_int64_tp(written);
      lightgbmlib.delete_doubleArray(output);
      lightgbmlib.delete_doubleArray(input);
    }
  }

  @Override
  public void close() throws LGBMException {
    if (!closed) {
      closed = true;
      check(lightgbmlib.LGBM_BoosterFree(handle));
    }
  }

  private static void check(int status) throws LGBMException {
    if (status != 0) {
      throw new LGBMException(lightgbmlib.LGBM_GetLastError());
    }
  }
}
