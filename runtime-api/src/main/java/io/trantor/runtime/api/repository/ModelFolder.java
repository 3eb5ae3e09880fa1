package io.trantor.runtime.api.repository;

import io.trantor.runtime.api.ModelArtifact;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The parse of one model folder: the versions to serve, or the problems that stop it from being
 * served. Problems are kept (and reported in the repository index and in load errors) instead of
 * being logged and skipped, so a broken folder never ends as an unexplained 404.
 *
 * @param versions the versions the folder's version policy selects, in ascending numeric order
 * @param problems empty when the folder can be served
 */
public record ModelFolder(String name, Path path, List<ModelArtifact> versions, List<String> problems) {

  public ModelFolder {
    versions = List.copyOf(versions);
    problems = List.copyOf(problems);
  }

  public boolean isServable() {
    return problems.isEmpty() && !versions.isEmpty();
  }

  /** The version with that name, if the policy selected it. */
  public Optional<ModelArtifact> version(String version) {
    return versions.stream().filter(v -> v.version().equals(version)).findFirst();
  }
}
