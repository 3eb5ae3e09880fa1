package io.trantor.agent.artifact;

import java.io.IOException;
import java.nio.file.Path;

/** Copies what a remote storage location holds into an empty local folder. */
interface ArtifactSource {

  /**
   * Downloads the object, or every object under the location (keeping their relative paths), into
   * {@code folder}.
   *
   * @throws ArtifactException when nothing is there or the store refuses
   */
  void download(StorageLocation location, Path folder) throws IOException, InterruptedException;

  /**
   * {@code folder/relative}, refusing object names that would escape the folder ({@code ../x},
   * absolute names).
   */
  static Path inside(Path folder, String relative, String storageUri) {
    Path target = folder.resolve(relative).normalize();
    if (relative.isEmpty() || !target.startsWith(folder) || target.equals(folder)) {
      throw new ArtifactException(
          "cannot fetch " + storageUri + ": object name '" + relative + "' points outside the artifact folder");
    }
    return target;
  }

  static ArtifactException nothingAt(StorageLocation location) {
    return new ArtifactException("model artifact not found: nothing at " + location.uri());
  }
}
