package io.trantor.runtime.pytorch.internal;

import io.trantor.runtime.api.ModelArtifact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The TorchScript archive of an artifact: config.pbtxt's {@code default_model_filename} (the
 * artifact's {@code uri}) when given, else Triton's default {@code model.pt} in the version
 * folder. Only checks one path, so it is cheap enough for {@code match}.
 */
public final class TorchScriptFile {
  public static final String DEFAULT_NAME = "model.pt";

  private TorchScriptFile() {}

  public static Optional<Path> find(ModelArtifact artifact) {
    Path file = artifact.uri() != null
        ? artifact.uri()
        : artifact.directory() == null ? null : artifact.directory().resolve(DEFAULT_NAME);
    return file != null && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }
}
