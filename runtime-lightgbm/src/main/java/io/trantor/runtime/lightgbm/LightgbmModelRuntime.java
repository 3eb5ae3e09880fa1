package io.trantor.runtime.lightgbm;

import io.github.metarank.lightgbm4j.LGBMException;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.api.NativeErrorMessage;
import io.trantor.runtime.api.tabular.InputLayout;
import io.trantor.runtime.api.tabular.TabularModelRuntime;
import io.trantor.runtime.api.tabular.WellKnownModelFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves LightGBM text models ({@code model.txt}, {@code model.bst}) in the JVM, answering like
 * MLServer's LightGBM runtime: output {@code predict} (FP64, the probability for binary
 * objectives). What inputs are accepted is described in this module's README.md.
 */
public final class LightgbmModelRuntime extends TabularModelRuntime {
  private static final Logger log = LoggerFactory.getLogger(LightgbmModelRuntime.class);

  /**
   * Looked for in this order; {@code model.bst} is MLServer's LightGBM name, and counts only when
   * it is a LightGBM text model (every one begins with the line {@code tree}), because XGBoost uses
   * that name too.
   */
  static final WellKnownModelFile FILES =
      new WellKnownModelFile(
          "LightGBM",
          List.of("model.bst", "model.txt"),
          file -> file.getFileName().toString().equals("model.txt") || WellKnownModelFile.startsWith(file, "tree"));

  public LightgbmModelRuntime() {
    super("lightgbm", "LightGBM", Set.of("lightgbm", "mlserver_lightgbm.lightgbmmodel"), FILES,
        " (a LightGBM text model)");
  }

  @Override
  protected LoadedModel load(ModelArtifact artifact, Path file) throws ModelLoadException {
    return finishOrFree(artifact, file, readBooster(artifact, file), booster -> {
      int features = booster.features();
      InputLayout layout = InputLayout.of(artifact, features);
      int outputWidth = Math.toIntExact(booster.predictionLength(1));
      log.info(
          "loaded LightGBM model {} from {}: {} features, {} value(s) per row",
          artifact.versionedName(), file.getFileName(), features, outputWidth);
      return new LightgbmModel(artifact.versionedName(), booster, layout, outputWidth);
    }, NativeBooster::close);
  }

  private static NativeBooster readBooster(ModelArtifact artifact, Path file) throws ModelLoadException {
    LightgbmNativeLibrary.load();
    try {
      return NativeBooster.fromModelFile(file);
    } catch (LGBMException e) {
      throw new ModelLoadException(
          "model '" + artifact.name() + "': " + file.getFileName() + " cannot be read as a LightGBM model: "
              + NativeErrorMessage.of(e), e);
    }
  }
}
