package io.trantor.runtime.tensorflow.internal;

import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import java.util.Arrays;
import java.util.List;

/** Checks config.pbtxt's declarations against what the TensorFlow model really has. */
final class DeclaredTensors {
  private final ModelArtifact artifact;

  DeclaredTensors(ModelArtifact artifact) {
    this.artifact = artifact;
  }

  /** Same rank, and no dimension fixed to different sizes on the two sides; unknown rank fits. */
  static boolean compatible(long[] declared, long[] model) {
    if (model == null) {
      return true;
    }
    if (declared.length != model.length) {
      return false;
    }
    for (int i = 0; i < declared.length; i++) {
      if (declared[i] >= 0 && model[i] >= 0 && declared[i] != model[i]) {
        return false;
      }
    }
    return true;
  }

  void checkShape(String kind, TensorMetadata declared, long[] model) throws ModelLoadException {
    if (!compatible(declared.shape(), model)) {
      throw problem(
          source() + " declares " + kind + " '" + declared.name() + "' with shape "
              + Arrays.toString(declared.shape()) + " but the TensorFlow model has "
              + Arrays.toString(model));
    }
  }

  void requireDeclared(String kind, List<TensorMetadata> declared) throws ModelLoadException {
    if (declared.isEmpty()) {
      throw problem(
          source() + " declares no " + kind + "s; a TensorFlow GraphDef does not say which of its"
              + " nodes are " + kind + "s, so config.pbtxt must list them (as Triton requires)");
    }
  }

  String source() {
    return artifact.source() == null ? "the model settings" : artifact.source().getFileName().toString();
  }

  ModelLoadException problem(String what) {
    return new ModelLoadException("model '" + artifact.name() + "': " + what);
  }
}
