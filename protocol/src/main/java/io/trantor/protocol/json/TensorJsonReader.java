package io.trantor.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.trantor.protocol.Datatype;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads one tensor object, a request input or a response output:
 * {@code {name, datatype, shape, parameters, data}} in any field order. Data comes either from
 * {@code data} or, under the binary extension, from the body's binary part
 * ({@code parameters.binary_data_size}, removed from the tensor's parameters once consumed).
 */
final class TensorJsonReader {
  static final String BINARY_DATA_SIZE = "binary_data_size";

  private TensorJsonReader() {}

  /**
   * @param position how to name the tensor before its name is known, e.g. {@code inputs[2]}
   * @param maxElements an upper bound on the element count (the JSON length), to size buffers
   */
  static Tensor read(JsonParser p, String position, BinaryTail tail, int maxElements)
      throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new InvalidInputException(position + " must be an object, found " + JsonIo.describe(p));
    }
    String name = null;
    Datatype datatype = null;
    long[] shape = null;
    Map<String, Object> parameters = Map.of();
    TensorData data = null;
    byte[] dataAheadOfDatatype = null;
    while (JsonIo.nextField(p)) {
      String field = p.currentName();
      p.nextToken();
      String label = name != null ? name : position;
      String tensor = "tensor '" + label + "': ";
      switch (field) {
        case "name" -> name = JsonIo.stringOrNull(p, position + ": name");
        case "datatype" ->
            datatype = Datatype.parse(JsonIo.stringOrNull(p, tensor + "datatype"), label);
        case "shape" -> shape = JsonIo.longArray(p, tensor + "shape");
        case "parameters" -> parameters = ParameterJson.read(p, tensor + "parameters");
        case "data" -> {
          if (datatype != null) {
            int expected = expectedElements(shape, maxElements);
            data = TensorDataJsonReader.read(p, datatype, expected, label);
          } else {
            dataAheadOfDatatype = copyStructure(p);
          }
        }
        default -> p.skipChildren();
      }
    }
    if (name == null || name.isEmpty()) {
      throw new InvalidInputException(position + ": name is missing");
    }
    if (datatype == null) {
      Datatype.parse(null, name); // throws the standard "datatype is missing"
    }
    if (shape == null) {
      throw new InvalidInputException("tensor '" + name + "': shape is missing");
    }
    Object binarySize = parameters.get(BINARY_DATA_SIZE);
    if (binarySize != null) {
      if (data != null || dataAheadOfDatatype != null) {
        throw new InvalidInputException(
            "tensor '" + name + "': has both data and parameters.binary_data_size;"
                + " send one of them");
      }
      data = binaryData(tail, binarySize, datatype, name);
      parameters = new HashMap<>(parameters);
      parameters.remove(BINARY_DATA_SIZE);
    } else if (dataAheadOfDatatype != null) {
      int expected = expectedElements(shape, maxElements);
      data = readBuffered(dataAheadOfDatatype, datatype, expected, name);
    } else if (data == null) {
      throw new InvalidInputException("tensor '" + name + "': data is missing");
    }
    return new Tensor(name, datatype, shape, parameters, data);
  }

  private static TensorData binaryData(
      BinaryTail tail, Object size, Datatype datatype, String name) {
    if (!(size instanceof Long bytes) || bytes < 0) {
      throw new InvalidInputException(
          "tensor '" + name + "': parameters.binary_data_size must be a non-negative integer");
    }
    byte[] raw = tail.take(bytes, name);
    return datatype.isFixedWidth()
        ? new TensorData.Fixed(raw)
        : TensorData.Bytes.fromRawBytes(raw, name);
  }

  private static int expectedElements(long[] shape, int maxElements) {
    if (shape == null) {
      return 16;
    }
    long count = 1;
    for (long dim : shape) {
      if (dim < 0) {
        return 16; // the Tensor constructor reports it
      }
      count *= Math.min(dim, maxElements + 1L);
      count = Math.min(count, maxElements);
    }
    return (int) count;
  }

  /** Data that came before the datatype is kept as JSON text and read once the type is known. */
  private static byte[] copyStructure(JsonParser p) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JsonIo.generator(out)) {
      g.copyCurrentStructureExact(p);
    }
    return out.toByteArray();
  }

  private static TensorData readBuffered(byte[] json, Datatype datatype, int expected, String name)
      throws IOException {
    try (JsonParser p = JsonIo.parser(json, json.length)) {
      p.nextToken();
      return TensorDataJsonReader.read(p, datatype, expected, name);
    }
  }
}
