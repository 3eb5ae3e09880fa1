package io.trantor.runtime.api.repository;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trantor.protocol.Datatype;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.ModelArtifact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an MLServer {@code model-settings.json}. The settings {@code name} wins over the folder
 * name, as in MLServer; fields Trantor does not use (max_batch_size, warmup...) are ignored. Every
 * problem found is reported with the file and the JSON path of the field, not just the first.
 */
final class MlServerSettingsReader {
  static final String FILE_NAME = "model-settings.json";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String DEFAULT_VERSION = "1";

  ModelFolder read(Path folder) {
    Path file = folder.resolve(FILE_NAME);
    String folderName = folder.getFileName().toString();
    Problems problems = new Problems(file);
    JsonNode root;
    try {
      root = MAPPER.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      problems.add("not valid JSON: " + e.getOriginalMessage() + where);
      return new ModelFolder(folderName, folder, List.of(), problems.list());
    } catch (IOException e) {
      problems.add("cannot be read: " + e.getMessage());
      return new ModelFolder(folderName, folder, List.of(), problems.list());
    }
    if (root == null || !root.isObject()) {
      problems.add("must hold a JSON object");
      return new ModelFolder(folderName, folder, List.of(), problems.list());
    }

    String name = text(root, "name", problems);
    if (name == null || name.isEmpty()) {
      name = folderName;
    }
    String implementation = text(root, "implementation", problems);
    String platform = text(root, "platform", problems);

    JsonNode parameters = root.path("parameters");
    Path uri = null;
    String version = DEFAULT_VERSION;
    Map<String, Object> extra = Map.of();
    if (!parameters.isMissingNode() && !parameters.isNull()) {
      if (!parameters.isObject()) {
        problems.add("parameters must be an object");
      } else {
        String uriText = text(parameters, "uri", problems, "parameters.uri");
        if (uriText != null && !uriText.isEmpty()) {
          uri = folder.resolve(uriText).normalize();
          if (!Files.exists(uri)) {
            problems.add("parameters.uri '" + uriText + "' does not exist in " + folder);
          }
        }
        JsonNode versionNode = parameters.path("version");
        if (versionNode.isTextual() || versionNode.isIntegralNumber()) {
          if (!versionNode.asText().isEmpty()) {
            version = versionNode.asText();
          }
        } else if (!versionNode.isMissingNode() && !versionNode.isNull()) {
          problems.add("parameters.version must be a string, e.g. \"1\"");
        }
        JsonNode extraNode = parameters.path("extra");
        if (extraNode.isObject()) {
          extra = JsonValues.toMap(extraNode);
        } else if (!extraNode.isMissingNode() && !extraNode.isNull()) {
          problems.add("parameters.extra must be an object");
        }
      }
    }

    List<TensorMetadata> inputs = tensors(root, "inputs", problems);
    List<TensorMetadata> outputs = tensors(root, "outputs", problems);
    if (!problems.isEmpty()) {
      return new ModelFolder(name, folder, List.of(), problems.list());
    }
    ModelArtifact artifact =
        new ModelArtifact(
            name, version, folder, uri, implementation, platform, 0, inputs, outputs, extra, file);
    return new ModelFolder(name, folder, List.of(artifact), List.of());
  }

  private static List<TensorMetadata> tensors(JsonNode root, String field, Problems problems) {
    JsonNode array = root.path(field);
    if (array.isMissingNode() || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      problems.add(field + " must be an array of {name, datatype, shape}");
      return List.of();
    }
    List<TensorMetadata> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String path = field + "[" + i + "]";
      JsonNode tensor = array.get(i);
      if (!tensor.isObject()) {
        problems.add(path + " must be an object {name, datatype, shape}");
        continue;
      }
      String name = text(tensor, "name", problems, path + ".name");
      if (tensor.path("name").isMissingNode() || tensor.path("name").isNull() || "".equals(name)) {
        problems.add(path + ".name is missing");
      }
      Datatype datatype = datatype(tensor.path("datatype"), path + ".datatype", problems);
      long[] shape = shape(tensor.path("shape"), path + ".shape", problems);
      Map<String, Object> parameters =
          tensor.path("parameters").isObject() ? JsonValues.toMap(tensor.get("parameters")) : Map.of();
      if (name != null && !name.isEmpty() && datatype != null && shape != null) {
        out.add(new TensorMetadata(name, datatype, shape, parameters));
      }
    }
    return out;
  }

  private static Datatype datatype(JsonNode node, String path, Problems problems) {
    if (!node.isTextual() || node.textValue().isEmpty()) {
      problems.add(path + " is missing (one of " + datatypeNames() + ")");
      return null;
    }
    try {
      return Datatype.valueOf(node.textValue().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(path + " '" + node.textValue() + "' is not a datatype (one of " + datatypeNames() + ")");
      return null;
    }
  }

  private static long[] shape(JsonNode node, String path, Problems problems) {
    if (!node.isArray()) {
      problems.add(path + " must be an array of integers, e.g. [-1, 4]");
      return null;
    }
    long[] shape = new long[node.size()];
    for (int d = 0; d < shape.length; d++) {
      JsonNode dim = node.get(d);
      if (!dim.isIntegralNumber() || dim.longValue() < -1) {
        problems.add(path + "[" + d + "] must be an integer >= -1 (-1 means any size), not " + dim);
        return null;
      }
      shape[d] = dim.longValue();
    }
    return shape;
  }

  private static String text(JsonNode object, String field, Problems problems) {
    return text(object, field, problems, field);
  }

  private static String text(JsonNode object, String field, Problems problems, String path) {
    JsonNode node = object.path(field);
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      problems.add(path + " must be a string");
      return null;
    }
    return node.textValue();
  }

  private static String datatypeNames() {
    StringBuilder names = new StringBuilder();
    for (Datatype d : Datatype.values()) {
      names.append(names.isEmpty() ? "" : ", ").append(d.name());
    }
    return names.toString();
  }
}
