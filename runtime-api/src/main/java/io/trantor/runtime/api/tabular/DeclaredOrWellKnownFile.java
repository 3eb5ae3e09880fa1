package io.trantor.runtime.api.tabular;

import io.trantor.runtime.api.ArtifactMatch;
import io.trantor.runtime.api.ModelArtifact;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How a runtime that serves one library's model files claims an artifact: {@link
 * ArtifactMatch#DECLARED} when MLServer's {@code implementation} or Triton's {@code platform}
 * names the runtime, {@link ArtifactMatch#NONE} when either names anything else, and otherwise
 * {@link ArtifactMatch#ARTIFACT_FILE} when one of the library's well-known model files is there.
 */
public final class DeclaredOrWellKnownFile {
  private final Set<String> declaringNames;
  private final Function<ModelArtifact, Optional<Path>> wellKnownFile;

  /**
   * @param declaringNames the names that declare the runtime, compared ignoring case (e.g.
   *     {@code xgboost} and {@code mlserver_xgboost.XGBoostModel})
   * @param wellKnownFile finds the library's model file the artifact points at or holds, if any
   */
  public DeclaredOrWellKnownFile(
      Set<String> declaringNames, Function<ModelArtifact, Optional<Path>> wellKnownFile) {
    this.declaringNames =
        declaringNames.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    this.wellKnownFile = wellKnownFile;
  }

  public ArtifactMatch match(ModelArtifact artifact) {
    if (declares(artifact.implementation()) || declares(artifact.platform())) {
      return ArtifactMatch.DECLARED;
    }
    if (artifact.implementation() != null || artifact.platform() != null) {
      return ArtifactMatch.NONE;
    }
    return wellKnownFile.apply(artifact).isPresent() ? ArtifactMatch.ARTIFACT_FILE : ArtifactMatch.NONE;
  }

  private boolean declares(String name) {
    return name != null && declaringNames.contains(name.toLowerCase(Locale.ROOT));
  }
}
