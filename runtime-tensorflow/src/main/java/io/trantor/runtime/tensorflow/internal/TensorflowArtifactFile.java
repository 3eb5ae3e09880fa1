package io.trantor.runtime.tensorflow.internal;

import io.trantor.runtime.api.ModelArtifact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a TensorFlow model lives in an artifact, following Triton's conventions: a frozen
 * {@code model.graphdef} file, or a SavedModel directory ({@code model.savedmodel/}, or the version
 * folder itself holding {@code saved_model.pb}); config.pbtxt's {@code default_model_filename}
 * (the artifact's {@code uri}) overrides the name. Only checks a few paths, so it is cheap enough
 * for {@code match}.
 */
public sealed interface TensorflowArtifactFile {
  String GRAPHDEF_NAME = "model.graphdef";
  String SAVEDMODEL_NAME = "model.savedmodel";
  String SAVED_MODEL_PB = "saved_model.pb";

  /** The file or folder, for messages. */
  Path path();

  /** A serialized {@code GraphDef} (a frozen graph: constants, no variables). */
  record GraphDef(Path path) implements TensorflowArtifactFile {}

  /** A SavedModel directory (holds {@code saved_model.pb} and usually {@code variables/}). */
  record SavedModel(Path path) implements TensorflowArtifactFile {}

  /** The model of the artifact, or empty when there is none. */
  static Optional<TensorflowArtifactFile> find(ModelArtifact artifact) {
    Path uri = artifact.uri();
    if (uri != null) {
      return at(uri);
    }
    Path folder = artifact.directory();
    if (folder == null || !Files.isDirectory(folder)) {
      return Optional.empty();
    }
    Optional<TensorflowArtifactFile> graphDef = at(folder.resolve(GRAPHDEF_NAME));
    if (graphDef.isPresent()) {
      return graphDef;
    }
    Optional<TensorflowArtifactFile> savedModel = at(folder.resolve(SAVEDMODEL_NAME));
    return savedModel.isPresent() ? savedModel : at(folder);
  }

  private static Optional<TensorflowArtifactFile> at(Path path) {
    if (Files.isRegularFile(path)) {
      return Optional.of(
          path.getFileName().toString().equals(SAVED_MODEL_PB)
              ? new SavedModel(path.toAbsolutePath().getParent())
              : new GraphDef(path));
    }
    if (Files.isRegularFile(path.resolve(SAVED_MODEL_PB))) {
      return Optional.of(new SavedModel(path));
    }
    return Optional.empty();
  }
}
