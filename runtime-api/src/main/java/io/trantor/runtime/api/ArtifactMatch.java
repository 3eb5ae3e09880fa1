package io.trantor.runtime.api;

/**
 * How strongly a runtime claims an artifact. A declaration (MLServer {@code implementation} or
 * Triton {@code platform}/{@code backend} naming this runtime) beats a guess from file names.
 */
public enum ArtifactMatch {
  /** This runtime cannot load the artifact. */
  NONE,
  /** A well-known file of this runtime is in the folder, and nothing declares another runtime. */
  ARTIFACT_FILE,
  /** The settings name this runtime explicitly. */
  DECLARED
}
