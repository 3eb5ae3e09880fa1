package io.trantor.runtime.onnx.internal;

import io.trantor.runtime.api.ModelArtifact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the ONNX file of an artifact: the {@code uri} when it names a file; otherwise
 * {@code model.onnx}, or the only {@code *.onnx} file, in the {@code uri} folder or the version
 * folder. Only lists one folder, so it is cheap enough for {@code match}.
 */
public final class OnnxModelFile {
  static final String DEFAULT_NAME = "model.onnx";
  private static final String SUFFIX = ".onnx";

  private OnnxModelFile() {}

  /** The model file, or empty when there is none or it is ambiguous. */
  public static Optional<Path> find(ModelArtifact artifact) {
    List<Path> found = candidates(artifact);
    return found.size() == 1 ? Optional.of(found.getFirst()) : Optional.empty();
  }

  /**
   * The model file; the exception says where it looked and what it found.
   *
   * @throws IllegalArgumentException with a message naming the folder
   */
  public static Path require(ModelArtifact artifact) {
    List<Path> found = candidates(artifact);
    if (found.size() == 1) {
      return found.getFirst();
    }
    Path folder = folder(artifact);
    if (found.isEmpty()) {
      throw new IllegalArgumentException(
          "model '" + artifact.name() + "': no ONNX file in " + folder
              + " (expected " + DEFAULT_NAME + ", or a uri naming the .onnx file)");
    }
    throw new IllegalArgumentException(
        "model '" + artifact.name() + "': " + found.size() + " .onnx files in " + folder + " "
            + found.stream().map(p -> p.getFileName().toString()).toList()
            + "; name one with parameters.uri or call it " + DEFAULT_NAME);
  }

  private static Path folder(ModelArtifact artifact) {
    Path uri = artifact.uri();
    return uri != null && Files.isDirectory(uri) ? uri : artifact.directory();
  }

  private static List<Path> candidates(ModelArtifact artifact) {
    Path uri = artifact.uri();
    if (uri != null && Files.isRegularFile(uri)) {
      return isOnnx(uri) ? List.of(uri) : List.of();
    }
    if (uri != null && !Files.isDirectory(uri)) {
      return List.of();
    }
    Path folder = folder(artifact);
    if (folder == null || !Files.isDirectory(folder)) {
      return List.of();
    }
    Path preferred = folder.resolve(DEFAULT_NAME);
    if (Files.isRegularFile(preferred)) {
      return List.of(preferred);
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(Files::isRegularFile).filter(OnnxModelFile::isOnnx).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  private static boolean isOnnx(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(SUFFIX);
  }
}
