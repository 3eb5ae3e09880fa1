package io.trantor.runtime.mlserver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The MLServer runtime class for an artifact, and the file it loads.
 *
 * <p>A declared {@code implementation} with a dot (a Python class path such as
 * {@code mlserver_sklearn.SKLearnModel} or a custom {@code model.PandasQueryRuntime}) is used as it
 * is; the short names Trantor's own samples declare ({@code sklearn}, {@code xgboost},
 * {@code lightgbm}...) map to MLServer's runtimes. Without a settings file, the runtime is
 * chosen from the files, in the order of Seldon's agent table (seldon-behaviour §2.4): sklearn
 * ({@code *.joblib}, {@code *.pkl}, {@code *.pickle}), xgboost ({@code *.json}, {@code *.ubj},
 * a binary {@code *.bst}), lightgbm (a text {@code *.bst} or {@code *.txt} LightGBM model), mlflow
 * (an {@code MLmodel} file).
 *
 * @param className MLServer's {@code implementation}
 * @param file the file to point {@code parameters.uri} at when the settings give none; null to
 *     leave it to the runtime (custom Python runtimes, MLflow's folder)
 */
record MlServerImplementation(String className, Path file) {
  static final String SKLEARN = "mlserver_sklearn.SKLearnModel";
  static final String XGBOOST = "mlserver_xgboost.XGBoostModel";
  static final String LIGHTGBM = "mlserver_lightgbm.LightGBMModel";
  static final String MLFLOW = "mlserver_mlflow.MLflowRuntime";

  private static final Map<String, String> SHORT_NAMES = Map.of(
      "sklearn", SKLEARN,
      "xgboost", XGBOOST,
      "lightgbm", LIGHTGBM,
      "mlflow", MLFLOW,
      "huggingface", "mlserver_huggingface.HuggingFaceRuntime",
      "alibi-detect", "mlserver_alibi_detect.AlibiDetectRuntime",
      "alibi-explain", "mlserver_alibi_explain.AlibiExplainRuntime");

  /** The class a declared implementation means on MLServer; empty when MLServer has none for it. */
  static Optional<String> declared(String implementation) {
    if (implementation == null || implementation.isBlank()) {
      return Optional.empty();
    }
    if (implementation.contains(".")) {
      return Optional.of(implementation);
    }
    return Optional.ofNullable(SHORT_NAMES.get(implementation.toLowerCase(Locale.ROOT)));
  }

  /** The runtime MLServer would serve this folder's files with; empty when none recognises them. */
  static Optional<MlServerImplementation> fromFiles(Path folder) {
    List<Path> files = files(folder);
    if (files.stream().anyMatch(f -> name(f).equals("MLmodel"))) {
      return Optional.of(new MlServerImplementation(MLFLOW, null));
    }
    Optional<Path> sklearn = first(files, ".joblib", ".pkl", ".pickle");
    if (sklearn.isPresent()) {
      return Optional.of(new MlServerImplementation(SKLEARN, sklearn.get()));
    }
    for (Path file : files) {
      String name = name(file).toLowerCase(Locale.ROOT);
      if (name.equals("model-settings.json")) {
        continue;
      }
      if (name.endsWith(".json") || name.endsWith(".ubj")) {
        return Optional.of(new MlServerImplementation(XGBOOST, file));
      }
      if (name.endsWith(".bst") || name.endsWith(".txt")) {
        if (isLightGbmText(file)) {
          return Optional.of(new MlServerImplementation(LIGHTGBM, file));
        }
        if (name.endsWith(".bst")) {
          return Optional.of(new MlServerImplementation(XGBOOST, file));
        }
      }
    }
    return Optional.empty();
  }

  /** LightGBM saves text models that start with {@code tree} (older) or {@code version=}. */
  private static boolean isLightGbmText(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      String head = new String(in.readNBytes(16), StandardCharsets.ISO_8859_1);
      return head.startsWith("tree\n") || head.startsWith("tree\r") || head.startsWith("version=");
    } catch (IOException e) {
      return false;
    }
  }

  private static Optional<Path> first(List<Path> files, String... suffixes) {
    for (Path file : files) {
      for (String suffix : suffixes) {
        if (name(file).toLowerCase(Locale.ROOT).endsWith(suffix)) {
          return Optional.of(file);
        }
      }
    }
    return Optional.empty();
  }

  private static List<Path> files(Path folder) {
    try (Stream<Path> children = Files.list(folder)) {
      return children.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static String name(Path file) {
    return file.getFileName().toString();
  }
}
