package io.trantor.runtime.tensorflow;

import io.trantor.runtime.api.ArtifactMatch;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.api.ModelRuntime;
import io.trantor.runtime.tensorflow.internal.BundledNativeLibrary;
import io.trantor.runtime.tensorflow.internal.GraphDefLoader;
import io.trantor.runtime.tensorflow.internal.SavedModelLoader;
import io.trantor.runtime.tensorflow.internal.TensorflowArtifactFile;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Set;

/**
 * Serves Triton's TensorFlow models with TensorFlow Java inside the JVM: {@code platform:
 * tensorflow_graphdef} ({@code model.graphdef}) and {@code tensorflow_savedmodel}
 * ({@code model.savedmodel/}). Claims an artifact that declares one of those platforms (or backend
 * {@code tensorflow}), or that holds such a file and declares no other runtime. The native library
 * loads on the first model load, not when the runtime is discovered.
 */
public final class TensorflowModelRuntime implements ModelRuntime {
  private static final Set<String> DECLARED =
      Set.of(GraphDefLoader.PLATFORM, SavedModelLoader.PLATFORM, "tensorflow");

  @Override
  public String name() {
    return "tensorflow";
  }

  private final Set<String> capabilities =
      BundledNativeLibrary.present() ? Set.of("tensorflow") : Set.of();

  /** {@code tensorflow}, when TensorFlow's native library for this machine is on the class path. */
  @Override
  public Set<String> capabilities() {
    return capabilities;
  }

  @Override
  public ArtifactMatch match(ModelArtifact artifact) {
    if (artifact.implementation() != null || artifact.platform() != null) {
      String platform = artifact.platform() == null ? "" : artifact.platform().strip().toLowerCase(Locale.ROOT);
      return artifact.implementation() == null && DECLARED.contains(platform)
          ? ArtifactMatch.DECLARED
          : ArtifactMatch.NONE;
    }
    return TensorflowArtifactFile.find(artifact).isPresent() ? ArtifactMatch.ARTIFACT_FILE : ArtifactMatch.NONE;
  }

  @Override
  public LoadedModel load(ModelArtifact artifact) throws ModelLoadException {
    if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
      throw new ModelLoadException("the TensorFlow runtime needs a little-endian machine");
    }
    TensorflowArtifactFile file =
        TensorflowArtifactFile.find(artifact)
            .orElseThrow(
                () ->
                    new ModelLoadException(
                        "model '" + artifact.name() + "': no TensorFlow model in " + artifact.directory()
                            + " (expected " + TensorflowArtifactFile.GRAPHDEF_NAME + ", "
                            + TensorflowArtifactFile.SAVEDMODEL_NAME + "/ or "
                            + TensorflowArtifactFile.SAVED_MODEL_PB + ")"));
    try {
      return switch (file) {
        case TensorflowArtifactFile.GraphDef graphDef -> GraphDefLoader.load(artifact, graphDef.path());
        case TensorflowArtifactFile.SavedModel savedModel -> SavedModelLoader.load(artifact, savedModel.path());
      };
    } catch (LinkageError e) {
      // The native library or a jar of it is missing or does not fit this machine.
      throw new ModelLoadException("TensorFlow cannot start on this machine: " + e, e);
    }
  }
}
