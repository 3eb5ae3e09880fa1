package io.trantor.agent.replica;

import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.repository.ModelFolder;
import io.trantor.runtime.api.repository.ModelFolderReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the fetched folder of one LoadModel and names what it serves {@code <model>_<version>},
 * with the single version {@code 1}, as Seldon's agent does. Seldon copies the chosen folder and
 * rewrites {@code config.pbtxt} / {@code model-settings.json} to that name; we leave the files
 * untouched (a local storage URI is used in place, never written to) and rename the parsed
 * artifact instead, so requests and responses carry {@code <model>_<version>} and version
 * {@code 1} just the same.
 *
 * <p>Which folder is served (Seldon's rules, server kinds merged):
 * <ol>
 *   <li>a {@code model-settings.json} at the root always wins;
 *   <li>with an {@code artifactVersion}, the numeric sub-folder of that number (holding a
 *       {@code model-settings.json}, or a Triton version folder next to the root's
 *       {@code config.pbtxt}); unlike Seldon, a missing one is an error rather than a silent fall
 *       back to the newest;
 *   <li>else the highest numbered version folder, whatever config.pbtxt's version_policy says
 *       (one replica serves one version);
 *   <li>else the root (a bare folder holding a model file).
 * </ol>
 */
final class ServedFolderReader {
  static final String SERVED_VERSION = "1";
  private static final String SETTINGS = "model-settings.json";

  private final ModelFolderReader reader = new ModelFolderReader();

  /** The folder to register under {@code servedName}; problems (never thrown) say why it cannot be served. */
  ModelFolder read(String servedName, Path root, long artifactVersion, String storageUri) {
    if (Files.isRegularFile(root.resolve(SETTINGS))) {
      return renamed(servedName, reader.read(root), null);
    }
    List<Long> versions = versionFolders(root);
    if (artifactVersion > 0 && !versions.contains(artifactVersion)) {
      return failed(servedName, root, "artifactVersion " + artifactVersion + " has no folder "
          + root.resolve(Long.toString(artifactVersion)) + " in " + storageUri
          + (versions.isEmpty() ? " (it has no version folders)" : " (version folders: " + versions + ")"));
    }
    if (versions.isEmpty()) {
      return renamed(servedName, reader.read(root), null);
    }
    long chosen = artifactVersion > 0 ? artifactVersion : versions.getLast();
    Path versionDir = root.resolve(Long.toString(chosen));
    if (Files.isRegularFile(versionDir.resolve(SETTINGS))) {
      return renamed(servedName, reader.read(versionDir), null);
    }
    // Triton layout: the root's config.pbtxt describes every version folder.
    return renamed(servedName, reader.read(root), versionDir);
  }

  /**
   * One artifact named {@code servedName}, version {@code 1}: the one read from {@code versionDir}
   * when given (built from any version the policy selected, pointed at that folder), else the
   * newest the folder selected.
   */
  private static ModelFolder renamed(String servedName, ModelFolder folder, Path versionDir) {
    if (!folder.isServable()) {
      List<String> problems = folder.problems().isEmpty()
          ? List.of("no version to serve in " + folder.path())
          : folder.problems();
      return new ModelFolder(servedName, folder.path(), List.of(), problems);
    }
    ModelArtifact template = folder.versions().getLast();
    Path directory = versionDir != null ? versionDir : template.directory();
    Path uri = template.uri() == null ? null
        : versionDir != null && template.uri().startsWith(template.directory())
            ? versionDir.resolve(template.directory().relativize(template.uri()))
            : template.uri();
    ModelArtifact served = new ModelArtifact(
        servedName, SERVED_VERSION, directory, uri, template.implementation(), template.platform(),
        template.maxBatchSize(), template.declaredInputs(), template.declaredOutputs(), template.parameters(),
        template.source());
    return new ModelFolder(servedName, folder.path(), List.of(served), List.of());
  }

  private static ModelFolder failed(String servedName, Path root, String problem) {
    return new ModelFolder(servedName, root, List.of(), List.of(problem));
  }

  private static List<Long> versionFolders(Path root) {
    try (Stream<Path> children = Files.list(root)) {
      return children
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.isEmpty() && n.length() < 19 && n.chars().allMatch(Character::isDigit))
          .map(Long::parseLong)
          .filter(v -> v > 0)
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
