package io.trantor.runtime.tensorflow.internal;

import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.api.ModelSignature;
import io.trantor.runtime.api.NativeErrorMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * Loads a SavedModel (Triton's {@code tensorflow_savedmodel}) with the {@code serve} tag. Its
 * {@code serving_default} signature (or its only one) names inputs and outputs, as Triton's
 * auto-configuration does; config.pbtxt may declare stricter shapes, which are then reported.
 */
public final class SavedModelLoader {
  public static final String PLATFORM = "tensorflow_savedmodel";
  private static final String TAG = "serve";

  private SavedModelLoader() {}

  public static TensorflowLoadedModel load(ModelArtifact artifact, Path directory) throws ModelLoadException {
    SavedModelBundle bundle;
    try {
      bundle = SavedModelBundle.loader(directory.toString()).withTags(TAG)
          .withConfigProto(SessionConfig.serving()).load();
    } catch (IllegalArgumentException | TensorFlowException e) {
      throw new ModelLoadException(
          "model '" + artifact.name() + "': TensorFlow cannot load the SavedModel " + directory + " (tag '"
              + TAG + "'): " + NativeErrorMessage.of(e), e);
    }
    try {
      Signature signature = servingSignature(artifact, bundle);
      DeclaredTensors declared = new DeclaredTensors(artifact);
      Map<String, String> feeds = new LinkedHashMap<>();
      List<TensorMetadata> inputs = describe(declared, "input", signature.getInputs(), artifact.declaredInputs(), feeds);
      Map<String, String> fetches = new LinkedHashMap<>();
      List<TensorMetadata> outputs =
          describe(declared, "output", signature.getOutputs(), artifact.declaredOutputs(), fetches);
      return new TensorflowLoadedModel(
          artifact.name(), bundle.session(), bundle, new ModelSignature(PLATFORM, inputs, outputs), feeds, fetches);
    } catch (ModelLoadException | RuntimeException e) {
      bundle.close();
      throw e;
    }
  }

  private static Signature servingSignature(ModelArtifact artifact, SavedModelBundle bundle)
      throws ModelLoadException {
    List<Signature> signatures = bundle.signatures();
    for (Signature signature : signatures) {
      if (signature.key().equals(Signature.DEFAULT_KEY)) {
        return signature;
      }
    }
    if (signatures.size() == 1) {
      return signatures.getFirst();
    }
    throw new ModelLoadException(
        "model '" + artifact.name() + "': the SavedModel has no '" + Signature.DEFAULT_KEY + "' signature; its"
            + " signatures are " + signatures.stream().map(Signature::key).toList());
  }

  /** The signature's tensors (declared shapes win), filling {@code names} with key to tensor name. */
  private static List<TensorMetadata> describe(
      DeclaredTensors declared,
      String kind,
      Map<String, Signature.TensorDescription> model,
      List<TensorMetadata> declarations,
      Map<String, String> names)
      throws ModelLoadException {
    List<TensorMetadata> result = new ArrayList<>();
    for (Map.Entry<String, Signature.TensorDescription> entry : model.entrySet()) {
      Signature.TensorDescription description = entry.getValue();
      TfElementType type =
          TfElementType.of(description.dataType)
              .orElseThrow(
                  () ->
                      declared.problem(
                          kind + " '" + entry.getKey() + "' has TensorFlow type "
                              + TfElementType.tfName(description.dataType)
                              + ", which the TensorFlow runtime cannot pass"));
      long[] shape = description.shape.isUnknown() ? new long[0] : description.shape.asArray();
      TensorMetadata tensor = TensorMetadata.of(entry.getKey(), type.datatype(), shape);
      for (TensorMetadata d : declarations) {
        if (d.name().equals(entry.getKey())) {
          if (d.datatype() != tensor.datatype()) {
            throw declared.problem(
                declared.source() + " declares " + kind + " '" + d.name() + "' as " + d.datatype()
                    + " but the SavedModel has " + tensor.datatype());
          }
          declared.checkShape(kind, d, description.shape.isUnknown() ? null : shape);
          tensor = d;
        }
      }
      result.add(tensor);
      names.put(entry.getKey(), description.name);
    }
    for (TensorMetadata d : declarations) {
      if (!names.containsKey(d.name())) {
        throw declared.problem(
            declared.source() + " declares " + kind + " '" + d.name() + "' but the SavedModel's "
                + kind + "s are " + names.keySet());
      }
    }
    return result;
  }
}
