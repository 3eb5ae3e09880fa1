package io.trantor.runtime.lightgbm;

import io.trantor.runtime.api.ModelArtifact;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Where an artifact's LightGBM model file is, by MLServer's well-known names. */
final class LightgbmModelFiles {
  /** Looked for in this order; {@code model.bst} is MLServer's LightGBM name. */
  static final List<String> WELL_KNOWN_NAMES = List.of("model.bst", "model.txt");

  /** Every LightGBM text model begins with the line {@code tree}. */
  private static final byte[] TEXT_MODEL_START = "tree".getBytes(StandardCharsets.US_ASCII);

  private LightgbmModelFiles() {}

  /**
   * The well-known model file the artifact points at ({@code uri} is that file, or a folder
   * holding it) or holds in its folder. A {@code model.bst} counts only when it is a LightGBM text
   * model, because XGBoost uses that name too. Reads at most a few bytes.
   */
  static Optional<Path> wellKnownFile(ModelArtifact artifact) {
    Path uri = artifact.uri();
    if (uri != null && !Files.isDirectory(uri)) {
      return isWellKnownLightgbmFile(uri) ? Optional.of(uri) : Optional.empty();
    }
    Path folder = uri != null ? uri : artifact.directory();
    if (folder == null) {
      return Optional.empty();
    }
    return WELL_KNOWN_NAMES.stream().map(folder::resolve).filter(LightgbmModelFiles::isWellKnownLightgbmFile).findFirst();
  }

  private static boolean isWellKnownLightgbmFile(Path file) {
    Path fileName = file.getFileName();
    return fileName != null
        && WELL_KNOWN_NAMES.contains(fileName.toString())
        && Files.isRegularFile(file)
        && (fileName.toString().equals("model.txt") || startsLikeATextModel(file));
  }

  private static boolean startsLikeATextModel(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(TEXT_MODEL_START.length), TEXT_MODEL_START);
    } catch (IOException e) {
      return false;
    }
  }
}
