package io.trantor.runtime.python.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trantor.protocol.Datatype;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.ModelArtifact;
import java.util.List;
import java.util.Map;

/**
 * The {@code args["model_config"]} JSON Triton hands to {@code initialize}: the model's
 * config.pbtxt in Triton's JSON form (snake_case fields, {@code TYPE_*} data types, dims without
 * the batch dimension, parameters as {@code {"key": {"string_value": ...}}}). The name is the
 * served name ({@code <model>_<version>} under Seldon), as Seldon's agent rewrites it.
 */
final class ModelConfigJson {
  private ModelConfigJson() {}

  static String of(ModelArtifact artifact, String modelFileName, int instances) {
    ObjectNode config = Frame.JSON.createObjectNode()
        .put("name", artifact.name())
        .put("platform", "")
        .put("backend", "python")
        .put("max_batch_size", artifact.maxBatchSize());
    config.set("input", tensors(artifact.declaredInputs(), artifact.maxBatchSize(), true));
    config.set("output", tensors(artifact.declaredOutputs(), artifact.maxBatchSize(), false));
    ArrayNode groups = config.putArray("instance_group");
    groups.addObject().put("name", artifact.name()).put("kind", "KIND_CPU").put("count", instances).putArray("gpus");
    ObjectNode parameters = config.putObject("parameters");
    for (Map.Entry<String, Object> p : artifact.parameters().entrySet()) {
      parameters.putObject(p.getKey()).put("string_value", String.valueOf(p.getValue()));
    }
    config.putObject("version_policy").putObject("latest").put("num_versions", 1);
    config.put("default_model_filename", modelFileName);
    return config.toString();
  }

  private static ArrayNode tensors(List<TensorMetadata> declared, int maxBatchSize, boolean inputs) {
    ArrayNode array = Frame.JSON.createArrayNode();
    for (TensorMetadata tensor : declared) {
      ObjectNode entry = array.addObject()
          .put("name", tensor.name())
          .put("data_type", tritonType(tensor.datatype()));
      ArrayNode dims = entry.putArray("dims");
      long[] shape = tensor.shape();
      // The declared shape carries Triton's implicit batch dimension; config dims do not.
      for (int i = maxBatchSize > 0 ? 1 : 0; i < shape.length; i++) {
        dims.add(shape[i]);
      }
      if (inputs) {
        entry.put("format", "FORMAT_NONE").put("optional", false).put("is_shape_tensor", false).put("allow_ragged_batch", false);
      } else {
        entry.put("label_filename", "").put("is_shape_tensor", false);
      }
    }
    return array;
  }

  static String tritonType(Datatype datatype) {
    return datatype == Datatype.BYTES ? "TYPE_STRING" : "TYPE_" + datatype.name();
  }
}
