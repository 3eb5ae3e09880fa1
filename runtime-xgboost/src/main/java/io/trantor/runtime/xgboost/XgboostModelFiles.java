package io.trantor.runtime.xgboost;

import io.trantor.runtime.api.ModelArtifact;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Where an artifact's XGBoost model file is, by MLServer's well-known names. */
final class XgboostModelFiles {
  /** MLServer's XGBoost runtime looks for these, in this order. */
  static final List<String> WELL_KNOWN_NAMES = List.of("model.bst", "model.json", "model.ubj");

  private static final byte[] LIGHTGBM_TEXT_START = "tree".getBytes(StandardCharsets.US_ASCII);

  private XgboostModelFiles() {}

  /**
   * The well-known model file the artifact points at ({@code uri} is that file, or a folder
   * holding it) or holds in its folder. A {@code model.bst} that is a LightGBM text model (LightGBM
   * uses that name too) does not count. Reads at most a few bytes.
   */
  static Optional<Path> wellKnownFile(ModelArtifact artifact) {
    Path uri = artifact.uri();
    if (uri != null && !Files.isDirectory(uri)) {
      return isWellKnownXgboostFile(uri) ? Optional.of(uri) : Optional.empty();
    }
    Path folder = uri != null ? uri : artifact.directory();
    if (folder == null) {
      return Optional.empty();
    }
    return WELL_KNOWN_NAMES.stream().map(folder::resolve).filter(XgboostModelFiles::isWellKnownXgboostFile).findFirst();
  }

  private static boolean isWellKnownXgboostFile(Path file) {
    Path fileName = file.getFileName();
    return fileName != null
        && WELL_KNOWN_NAMES.contains(fileName.toString())
        && Files.isRegularFile(file)
        && !(fileName.toString().equals("model.bst") && startsWithLightgbmText(file));
  }

  private static boolean startsWithLightgbmText(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(LIGHTGBM_TEXT_START.length), LIGHTGBM_TEXT_START);
    } catch (IOException e) {
      return false;
    }
  }
}
