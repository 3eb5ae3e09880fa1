package io.trantor.runtime.lightgbm;

import io.github.metarank.lightgbm4j.LGBMException;
import io.trantor.runtime.api.ArtifactMatch;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.api.ModelRuntime;
import io.trantor.runtime.api.NativeErrorMessage;
import io.trantor.runtime.api.tabular.DeclaredOrWellKnownFile;
import io.trantor.runtime.api.tabular.InputLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves LightGBM text models ({@code model.txt}, {@code model.bst}) in the JVM, answering like
 * MLServer's LightGBM runtime: output {@code predict} (FP64, the probability for binary
 * objectives). What inputs are accepted is described in this module's README.md.
 */
public final class LightgbmModelRuntime implements ModelRuntime {
  private static final Logger log = LoggerFactory.getLogger(LightgbmModelRuntime.class);
  private static final DeclaredOrWellKnownFile CLAIM =
      new DeclaredOrWellKnownFile(
          Set.of("lightgbm", "mlserver_lightgbm.lightgbmmodel"), LightgbmModelFiles::wellKnownFile);

  @Override
  public String name() {
    return "lightgbm";
  }

  @Override
  public Set<String> capabilities() {
    return Set.of("lightgbm");
  }

  @Override
  public ArtifactMatch match(ModelArtifact artifact) {
    return CLAIM.match(artifact);
  }

  @Override
  public LoadedModel load(ModelArtifact artifact) throws ModelLoadException {
    Path file = modelFile(artifact);
    NativeBooster booster = readBooster(artifact, file);
    try {
      int features = booster.features();
      InputLayout layout = InputLayout.of(artifact, features);
      int outputWidth = Math.toIntExact(booster.predictionLength(1));
      log.info(
          "loaded LightGBM model {} from {}: {} features, {} value(s) per row",
          artifact.versionedName(), file.getFileName(), features, outputWidth);
      return new LightgbmModel(artifact.versionedName(), booster, layout, outputWidth);
    } catch (LGBMException e) {
      closeQuietly(booster);
      throw new ModelLoadException(
          "model '" + artifact.name() + "': LightGBM cannot use " + file + ": " + NativeErrorMessage.of(e), e);
    } catch (ModelLoadException | RuntimeException e) {
      closeQuietly(booster);
      throw e;
    }
  }

  private static void closeQuietly(NativeBooster booster) {
    try {
      booster.close();
    } catch (LGBMException e) {
      log.warn("freeing a LightGBM booster that failed to load failed too: {}", NativeErrorMessage.of(e));
    }
  }

  private static Path modelFile(ModelArtifact artifact) throws ModelLoadException {
    Path uri = artifact.uri();
    if (uri != null && Files.isRegularFile(uri)) {
      return uri;
    }
    if (uri != null && !Files.exists(uri)) {
      throw new ModelLoadException(
          "model '" + artifact.name() + "': parameters.uri points at " + uri + ", which does not exist");
    }
    return LightgbmModelFiles.wellKnownFile(artifact)
        .orElseThrow(
            () ->
                new ModelLoadException(
                    "model '" + artifact.name() + "': no LightGBM model file in "
                        + (uri != null ? uri : artifact.directory()) + "; expected one of "
                        + String.join(", ", LightgbmModelFiles.WELL_KNOWN_NAMES)
                        + " (a LightGBM text model), or set parameters.uri in model-settings.json"));
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
