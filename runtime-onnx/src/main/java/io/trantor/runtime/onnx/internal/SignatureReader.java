package io.trantor.runtime.onnx.internal;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.api.ModelSignature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads what a session accepts and returns. Names and element types come from the model; shapes
 * too (symbolic dimensions as {@code -1}), unless the settings declare the tensor, whose shape is
 * then preferred (config.pbtxt may be stricter than the model, e.g. a fixed size where the model
 * has a symbol). A declaration that contradicts the model fails the load.
 */
final class SignatureReader {
  static final String PLATFORM = "onnx_onnxv1";

  private final ModelArtifact artifact;

  private SignatureReader(ModelArtifact artifact) {
    this.artifact = artifact;
  }

  /**
   * @param tensorOutputs receives the names of the outputs that are tensors: only those can be
   *     returned, so sequence or map outputs (some converters add them) stay out of the signature
   */
  static ModelSignature read(OrtSession session, ModelArtifact artifact, List<String> tensorOutputs)
      throws OrtException, ModelLoadException {
    SignatureReader reader = new SignatureReader(artifact);
    List<TensorMetadata> inputs = new ArrayList<>();
    for (Map.Entry<String, NodeInfo> input : session.getInputInfo().entrySet()) {
      if (!(input.getValue().getInfo() instanceof TensorInfo info)) {
        throw reader.problem(
            "input '" + input.getKey() + "' is " + input.getValue().getInfo()
                + "; only tensor inputs are supported");
      }
      ElementType type = reader.elementType("input", input.getKey(), info);
      if (type.javaType().isEmpty()) {
        throw reader.problem(
            "input '" + input.getKey() + "' has element type " + ElementType.onnxName(info.onnxType)
                + ", which ONNX Runtime's Java API cannot feed; use a signed or wider type");
      }
      inputs.add(TensorMetadata.of(input.getKey(), type.datatype(), shapeOf(info)));
    }
    List<TensorMetadata> outputs = new ArrayList<>();
    for (Map.Entry<String, NodeInfo> output : session.getOutputInfo().entrySet()) {
      if (output.getValue().getInfo() instanceof TensorInfo info) {
        ElementType type = reader.elementType("output", output.getKey(), info);
        outputs.add(TensorMetadata.of(output.getKey(), type.datatype(), shapeOf(info)));
        tensorOutputs.add(output.getKey());
      }
    }
    return new ModelSignature(
        PLATFORM,
        reader.applyDeclared("input", artifact.declaredInputs(), inputs),
        reader.applyDeclared("output", artifact.declaredOutputs(), outputs));
  }

  private static long[] shapeOf(TensorInfo info) {
    long[] shape = info.getShape().clone();
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] < 0) {
        shape[i] = -1;
      }
    }
    return shape;
  }

  private ElementType elementType(String kind, String name, TensorInfo info)
      throws ModelLoadException {
    var type = ElementType.of(info.onnxType);
    if (type.isEmpty()) {
      throw problem(
          kind + " '" + name + "' has element type " + ElementType.onnxName(info.onnxType)
              + ", which the Open Inference Protocol has no datatype for");
    }
    return type.get();
  }

  /** The model's tensors, with the declared shape wherever one is declared. */
  private List<TensorMetadata> applyDeclared(
      String kind, List<TensorMetadata> declared, List<TensorMetadata> model)
      throws ModelLoadException {
    List<TensorMetadata> result = new ArrayList<>(model);
    for (TensorMetadata d : declared) {
      int index = indexOf(model, d.name());
      if (index < 0) {
        throw problem(
            source() + " declares " + kind + " '" + d.name() + "' but the ONNX model's " + kind
                + "s are " + model.stream().map(TensorMetadata::name).toList());
      }
      TensorMetadata m = model.get(index);
      if (m.datatype() != d.datatype()) {
        throw problem(
            source() + " declares " + kind + " '" + d.name() + "' as " + d.datatype()
                + " but the ONNX model has " + m.datatype());
      }
      if (!compatible(d.shape(), m.shape())) {
        throw problem(
            source() + " declares " + kind + " '" + d.name() + "' with shape "
                + Arrays.toString(d.shape()) + " but the ONNX model has "
                + Arrays.toString(m.shape()));
      }
      result.set(index, new TensorMetadata(m.name(), m.datatype(), d.shape(), d.parameters()));
    }
    return result;
  }

  /** Same rank, and no dimension fixed to different sizes on the two sides. */
  private static boolean compatible(long[] declared, long[] model) {
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

  private static int indexOf(List<TensorMetadata> tensors, String name) {
    for (int i = 0; i < tensors.size(); i++) {
      if (tensors.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private String source() {
    return artifact.source() == null ? "the model settings" : artifact.source().getFileName().toString();
  }

  private ModelLoadException problem(String what) {
    return new ModelLoadException("model '" + artifact.name() + "': " + what);
  }
}
