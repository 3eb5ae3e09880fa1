package io.trantor.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.trantor.protocol.ModelMetadata;
import io.trantor.protocol.RepositoryModel;
import io.trantor.protocol.ServerMetadata;
import io.trantor.protocol.TensorMetadata;
import java.io.IOException;
import java.util.List;

/** Writes the small non-inference bodies: metadata, errors and the repository index. */
final class MetadataJsonWriter {
  private MetadataJsonWriter() {}

  static byte[] modelMetadata(ModelMetadata m) throws IOException {
    BodyOutputStream out = new BodyOutputStream(256);
    try (JsonGenerator g = JsonIo.generator(out)) {
      g.writeStartObject();
      g.writeStringField("name", m.name());
      g.writeArrayFieldStart("versions");
      for (String version : m.versions()) {
        g.writeString(version);
      }
      g.writeEndArray();
      g.writeStringField("platform", m.platform() == null ? "" : m.platform());
      writeTensors(g, "inputs", m.inputs());
      writeTensors(g, "outputs", m.outputs());
      if (!m.parameters().isEmpty()) {
        g.writeFieldName("parameters");
        ParameterJson.write(g, m.parameters());
      }
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  private static void writeTensors(JsonGenerator g, String field, List<TensorMetadata> tensors)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (TensorMetadata t : tensors) {
      g.writeStartObject();
      g.writeStringField("name", t.name());
      g.writeStringField("datatype", t.datatype().name());
      g.writeFieldName("shape");
      g.writeArray(t.shape(), 0, t.shape().length);
      if (!t.parameters().isEmpty()) {
        g.writeFieldName("parameters");
        ParameterJson.write(g, t.parameters());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  static byte[] serverMetadata(ServerMetadata m) throws IOException {
    BodyOutputStream out = new BodyOutputStream(128);
    try (JsonGenerator g = JsonIo.generator(out)) {
      g.writeStartObject();
      g.writeStringField("name", m.name());
      g.writeStringField("version", m.version());
      g.writeArrayFieldStart("extensions");
      for (String extension : m.extensions()) {
        g.writeString(extension);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  static byte[] error(String message) throws IOException {
    BodyOutputStream out = new BodyOutputStream(128);
    try (JsonGenerator g = JsonIo.generator(out)) {
      g.writeStartObject();
      g.writeStringField("error", message == null ? "" : message);
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /** Triton's form: a bare array; empty version and reason are left out. */
  static byte[] repositoryIndex(List<RepositoryModel> models) throws IOException {
    BodyOutputStream out = new BodyOutputStream(256);
    try (JsonGenerator g = JsonIo.generator(out)) {
      g.writeStartArray();
      for (RepositoryModel model : models) {
        g.writeStartObject();
        g.writeStringField("name", model.name());
        writeUnlessEmpty(g, "version", model.version());
        g.writeStringField("state", model.state() == null ? "" : model.state());
        writeUnlessEmpty(g, "reason", model.reason());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    return out.toByteArray();
  }

  private static void writeUnlessEmpty(JsonGenerator g, String field, String value)
      throws IOException {
    if (value != null && !value.isEmpty()) {
      g.writeStringField(field, value);
    }
  }
}
