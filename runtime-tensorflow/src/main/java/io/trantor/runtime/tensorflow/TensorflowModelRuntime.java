package io.trantor.runtime.tensorflow;

import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.api.triton.TritonBackendRuntime;
import io.trantor.runtime.tensorflow.internal.BundledNativeLibrary;
import io.trantor.runtime.tensorflow.internal.GraphDefLoader;
import io.trantor.runtime.tensorflow.internal.SavedModelLoader;
import io.trantor.runtime.tensorflow.internal.TensorflowArtifactFile;
import java.util.Optional;
import java.util.Set;

/**
 * Serves Triton's TensorFlow models with TensorFlow Java inside the JVM: {@code platform:
 * tensorflow_graphdef} ({@code model.graphdef}) and {@code tensorflow_savedmodel}
 * ({@code model.savedmodel/}). Claims an artifact that declares one of those platforms (or backend
 * {@code tensorflow}), or that holds such a file and declares no other runtime. The native library
 * loads on the first model load, not when the runtime is discovered.
 */
public final class TensorflowModelRuntime extends TritonBackendRuntime<TensorflowArtifactFile> {

  public TensorflowModelRuntime() {
    super(
        "tensorflow",
        "TensorFlow",
        Set.of(GraphDefLoader.PLATFORM, SavedModelLoader.PLATFORM, "tensorflow"),
        BundledNativeLibrary.present());
  }

  @Override
  protected Optional<TensorflowArtifactFile> modelFile(ModelArtifact artifact) {
    return TensorflowArtifactFile.find(artifact);
  }

  @Override
  protected String missingFile() {
    return "TensorFlow model";
  }

  @Override
  protected String expectedFiles() {
    return TensorflowArtifactFile.GRAPHDEF_NAME + ", " + TensorflowArtifactFile.SAVEDMODEL_NAME + "/ or "
        + TensorflowArtifactFile.SAVED_MODEL_PB;
  }

  @Override
  protected LoadedModel open(ModelArtifact artifact, TensorflowArtifactFile file) throws ModelLoadException {
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
