package io.trantor.runtime.api.tabular;

import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where an artifact's model file is, by a library's well-known file names (MLServer's, looked for
 * in order): the file {@code parameters.uri} names, or the first well-known file in the folder it
 * (or the model folder) is. A library may refuse a file by its content, since XGBoost and LightGBM
 * both use {@code model.bst}.
 */
public final class WellKnownModelFile {
  private final String library;
  private final List<String> names;
  private final Predicate<Path> accepts;

  /**
   * @param library the library as a caller reads it, e.g. {@code XGBoost}
   * @param names the well-known file names, in the order they are looked for
   * @param accepts whether a regular file with a well-known name is this library's (reads at most
   *     a few bytes)
   */
  public WellKnownModelFile(String library, List<String> names, Predicate<Path> accepts) {
    this.library = library;
    this.names = List.copyOf(names);
    this.accepts = accepts;
  }

  /** The well-known file the artifact points at or holds, if any; reads at most a few bytes. */
  public Optional<Path> find(ModelArtifact artifact) {
    Path uri = artifact.uri();
    if (uri != null && !Files.isDirectory(uri)) {
      return isWellKnown(uri) ? Optional.of(uri) : Optional.empty();
    }
    Path folder = uri != null ? uri : artifact.directory();
    if (folder == null) {
      return Optional.empty();
    }
    return names.stream().map(folder::resolve).filter(this::isWellKnown).findFirst();
  }

  /**
   * The model file to load: the regular file {@code parameters.uri} names (whatever its name), else
   * the well-known file.
   *
   * @param kind what the expected files are, appended to the error (e.g. {@code " (a LightGBM text
   *     model)"}), or empty
   */
  public Path locate(ModelArtifact artifact, String kind) throws ModelLoadException {
    Path uri = artifact.uri();
    if (uri != null && Files.isRegularFile(uri)) {
      return uri;
    }
    if (uri != null && !Files.exists(uri)) {
      throw new ModelLoadException(
          "model '" + artifact.name() + "': parameters.uri points at " + uri + ", which does not exist");
    }
    return find(artifact)
        .orElseThrow(
            () ->
                new ModelLoadException(
                    "model '" + artifact.name() + "': no " + library + " model file in "
                        + (uri != null ? uri : artifact.directory()) + "; expected one of "
                        + String.join(", ", names) + kind
                        + ", or set parameters.uri in model-settings.json"));
  }

  /** Whether {@code file} begins with {@code prefix} (ASCII); false when it cannot be read. */
  public static boolean startsWith(Path file, String prefix) {
    byte[] start = prefix.getBytes(StandardCharsets.US_ASCII);
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(start.length), start);
    } catch (IOException e) {
      return false;
    }
  }

  private boolean isWellKnown(Path file) {
    Path fileName = file.getFileName();
    return fileName != null
        && names.contains(fileName.toString())
        && Files.isRegularFile(file)
        && accepts.test(file);
  }
}
