package io.trantor.runtime.xgboost;

import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.api.NativeErrorMessage;
import io.trantor.runtime.api.tabular.InputLayout;
import io.trantor.runtime.api.tabular.TabularModelRuntime;
import io.trantor.runtime.api.tabular.WellKnownModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves XGBoost models ({@code model.json}, {@code model.ubj}, {@code model.bst}) in the JVM,
 * answering like MLServer's XGBoost runtime: output {@code predict} (FP32, the probability for
 * {@code binary:logistic}). What inputs are accepted is described in this module's README.md.
 */
public final class XgboostModelRuntime extends TabularModelRuntime {
  private static final Logger log = LoggerFactory.getLogger(XgboostModelRuntime.class);

  /**
   * MLServer's XGBoost runtime looks for these, in this order. A {@code model.bst} that is a
   * LightGBM text model (LightGBM uses that name too, and its text models begin with {@code tree})
   * does not count.
   */
  static final WellKnownModelFile FILES =
      new WellKnownModelFile(
          "XGBoost",
          List.of("model.bst", "model.json", "model.ubj"),
          file -> !(file.getFileName().toString().equals("model.bst") && WellKnownModelFile.startsWith(file, "tree")));

  public XgboostModelRuntime() {
    super("xgboost", "XGBoost", Set.of("xgboost", "mlserver_xgboost.xgboostmodel"), FILES, "");
  }

  @Override
  protected LoadedModel load(ModelArtifact artifact, Path file) throws ModelLoadException {
    return finishOrFree(artifact, file, readBooster(artifact, file), booster -> {
      // One thread per prediction: requests run in parallel already, and OpenMP threads on top
      // of them would only compete for the same cores.
      booster.setParam("nthread", 1);
      int features = Math.toIntExact(booster.getNumFeature());
      InputLayout layout = InputLayout.of(artifact, features);
      int outputWidth = firstPredictionWidth(booster, features);
      String gradientBooster = BoosterConcurrency.gradientBooster(booster);
      boolean concurrent = BoosterConcurrency.allowsConcurrentPrediction(gradientBooster);
      log.info(
          "loaded XGBoost model {} from {}: {} features, booster {}, concurrent predictions {}",
          artifact.versionedName(), file.getFileName(), features, gradientBooster, concurrent);
      return new XgboostModel(artifact.versionedName(), booster, layout, outputWidth, concurrent);
    }, Booster::dispose);
  }

  /**
   * Predicts one row of missing values. This tells how many values a row yields (1, or one per
   * class), and it makes XGBoost finish its lazy configuration before requests arrive.
   */
  private static int firstPredictionWidth(Booster booster, int features) throws XGBoostError {
    float[] missing = new float[Math.max(features, 1)];
    Arrays.fill(missing, Float.NaN);
    DMatrix row = new DMatrix(missing, 1, missing.length, Float.NaN);
    try {
      return booster.predict(row)[0].length;
    } finally {
      row.dispose();
    }
  }

  /** Reads the bytes so XGBoost picks the format from the content (JSON or UBJSON), not the name. */
  private static Booster readBooster(ModelArtifact artifact, Path file) throws ModelLoadException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ModelLoadException("model '" + artifact.name() + "': cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      return XGBoost.loadModel(bytes);
    } catch (XGBoostError | IOException e) {
      throw new ModelLoadException(
          "model '" + artifact.name() + "': " + file.getFileName() + " cannot be read as an XGBoost model: "
              + NativeErrorMessage.of(e), e);
    } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
      throw new ModelLoadException(
          "XGBoost's native library could not be loaded (it needs the system's libgomp, e.g. Debian "
              + "package libgomp1): " + e.getMessage(), e);
    }
  }
}
