package io.trantor.samples.trees;

import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Income-like tree ensembles (12 Adult-style features, see shared reference
 * seldon-api-surface.md §5.1 A23/A24), trained on seeded synthetic data so the files are the same
 * on every run.
 *
 * <p>They answer the same requests as Seldon's {@code income-xgb} / {@code income-lgb} samples
 * (12 INT64 {@code [1,1]} columns, content type "pd"), but not with the same numbers: the values
 * in Seldon's notebooks ({@code -1.838...} for XGBoost, {@code 0.0628...} for LightGBM on the row
 * 47,4,1,1,1,3,4,1,0,0,40,9) come from the model Seldon trained on the real Adult data, which we
 * neither have nor copy. Our XGBoost {@code predict} is a probability (binary:logistic).
 */
public final class IncomeTrees {
  /** The columns of both models, in order; also the declared inputs of model-settings.json. */
  public static final List<String> FEATURE_NAMES = SyntheticIncome.FEATURE_NAMES;

  /** The request row of Seldon's income notebooks (reference §5.1 A23). */
  public static final List<Long> REFERENCE_ROW = List.of(47L, 4L, 1L, 1L, 1L, 3L, 4L, 1L, 0L, 0L, 40L, 9L);

  private static final long DATA_SEED = 42;
  private static final int TRAINING_ROWS = 2000;
  private static final int ROUNDS = 20;

  private IncomeTrees() {}

  /** Writes an XGBoost model folder (model-settings.json + model.json) into {@code modelDir}. */
  public static void writeXgboost(Path modelDir) throws IOException {
    SyntheticIncome data = SyntheticIncome.generate(DATA_SEED, TRAINING_ROWS);
    Files.createDirectories(modelDir);
    try {
      DMatrix train = new DMatrix(data.features(), data.rows(), SyntheticIncome.columns(), Float.NaN);
      try {
        train.setLabel(data.labels());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("objective", "binary:logistic");
        params.put("max_depth", 4);
        params.put("eta", 0.3);
        params.put("tree_method", "hist");
        params.put("nthread", 1);
        params.put("seed", 1);
        Booster booster = XGBoost.train(train, params, ROUNDS, Map.of(), null, null);
        try {
          // The file extension picks the format: JSON, readable and stable byte for byte.
          booster.saveModel(modelDir.resolve("model.json").toString());
        } finally {
          booster.dispose();
        }
      } finally {
        train.dispose();
      }
    } catch (XGBoostError e) {
      throw new IOException("training the income XGBoost model failed: " + e.getMessage(), e);
    }
    writeSettings(modelDir, "income-xgb", "xgboost", "./model.json");
  }

  /** Writes a LightGBM model folder (model-settings.json + model.txt) into {@code modelDir}. */
  public static void writeLightgbm(Path modelDir) throws IOException {
    SyntheticIncome data = SyntheticIncome.generate(DATA_SEED, TRAINING_ROWS);
    Files.createDirectories(modelDir);
    LightgbmNativeLibrary.load();
    String params = "objective=binary num_threads=1 deterministic=true force_row_wise=true seed=1 verbosity=-1";
    String model;
    try (LGBMDataset train =
        LGBMDataset.createFromMat(data.features(), data.rows(), SyntheticIncome.columns(), true, params, null)) {
      train.setField("label", data.labels());
      // LightGBM would replace the spaces itself, with a warning; say it once here.
      train.setFeatureNames(FEATURE_NAMES.stream().map(n -> n.replace(' ', '_')).toArray(String[]::new));
      try (LGBMBooster booster = LGBMBooster.create(train, params)) {
        for (int i = 0; i < ROUNDS; i++) {
          booster.updateOneIter();
        }
        model = booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.SPLIT);
      }
    } catch (LGBMException e) {
      throw new IOException("training the income LightGBM model failed: " + e.getMessage(), e);
    }
    Files.writeString(modelDir.resolve("model.txt"), model, StandardCharsets.UTF_8);
    writeSettings(modelDir, "income-lgb", "lightgbm", "./model.txt");
  }

  private static void writeSettings(Path modelDir, String name, String implementation, String uri)
      throws IOException {
    Files.writeString(
        modelDir.resolve("model-settings.json"),
        ModelSettingsJson.of(name, implementation, uri, FEATURE_NAMES),
        StandardCharsets.UTF_8);
  }
}
