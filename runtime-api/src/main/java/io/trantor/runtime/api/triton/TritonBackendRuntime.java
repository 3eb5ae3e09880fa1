package io.trantor.runtime.api.triton;

import io.trantor.runtime.api.ArtifactMatch;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.api.ModelRuntime;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A runtime that serves one of Triton's native backends (PyTorch's TorchScript, TensorFlow) inside
 * the JVM with a native library that ships in a jar. It claims an artifact that declares one of the
 * backend's platforms and no MLServer implementation, or that declares nothing and holds the
 * backend's model file; it offers its capability only when the native library for this machine is
 * on the class path. A subclass finds the model file and opens it.
 *
 * @param <F> what the subclass calls the artifact's model file
 */
public abstract class TritonBackendRuntime<F> implements ModelRuntime {
  private final String name;
  private final String library;
  private final Set<String> declaredPlatforms;
  private final Set<String> capabilities;

  /**
   * @param name the runtime's name and its capability, e.g. {@code pytorch}
   * @param library the library as a caller reads it, e.g. {@code PyTorch}
   * @param declaredPlatforms Triton platforms and backends that declare this runtime (lower case)
   * @param nativeLibraryPresent whether the native library for this machine is on the class path
   */
  protected TritonBackendRuntime(
      String name, String library, Set<String> declaredPlatforms, boolean nativeLibraryPresent) {
    this.name = name;
    this.library = library;
    this.declaredPlatforms = Set.copyOf(declaredPlatforms);
    this.capabilities = nativeLibraryPresent ? Set.of(name) : Set.of();
  }

  @Override
  public final String name() {
    return name;
  }

  /** The runtime's name, when the native library for this machine is on the class path. */
  @Override
  public final Set<String> capabilities() {
    return capabilities;
  }

  @Override
  public final ArtifactMatch match(ModelArtifact artifact) {
    if (artifact.implementation() != null || artifact.platform() != null) {
      String platform = artifact.platform() == null ? "" : artifact.platform().strip().toLowerCase(Locale.ROOT);
      return artifact.implementation() == null && declaredPlatforms.contains(platform)
          ? ArtifactMatch.DECLARED
          : ArtifactMatch.NONE;
    }
    return modelFile(artifact).isPresent() ? ArtifactMatch.ARTIFACT_FILE : ArtifactMatch.NONE;
  }

  @Override
  public final LoadedModel load(ModelArtifact artifact) throws ModelLoadException {
    if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
      throw new ModelLoadException("the " + library + " runtime needs a little-endian machine");
    }
    F file =
        modelFile(artifact)
            .orElseThrow(
                () ->
                    new ModelLoadException(
                        "model '" + artifact.name() + "': no " + missingFile() + " in " + artifact.directory()
                            + " (expected " + expectedFiles() + ")"));
    return open(artifact, file);
  }

  /** The artifact's model file, if it has one; cheap enough for {@link #match}. */
  protected abstract Optional<F> modelFile(ModelArtifact artifact);

  /** What is missing when there is no model file, e.g. {@code TorchScript file}. */
  protected abstract String missingFile();

  /** Where the model file was looked for, e.g. {@code model.pt, or default_model_filename ...}. */
  protected abstract String expectedFiles();

  /** Starts the native library if need be and loads the model file. */
  protected abstract LoadedModel open(ModelArtifact artifact, F file) throws ModelLoadException;
}
