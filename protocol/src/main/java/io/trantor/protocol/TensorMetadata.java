package io.trantor.protocol;

import java.util.Arrays;
import java.util.Map;

/**
 * Name, datatype and shape of a model input or output as metadata reports it; {@code -1} marks a
 * variable dimension.
 */
public record TensorMetadata(
    String name, Datatype datatype, long[] shape, Map<String, Object> parameters) {

  public TensorMetadata {
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }

  public static TensorMetadata of(String name, Datatype datatype, long... shape) {
    return new TensorMetadata(name, datatype, shape, Map.of());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorMetadata t
        && name.equals(t.name)
        && datatype == t.datatype
        && Arrays.equals(shape, t.shape)
        && parameters.equals(t.parameters);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + " " + datatype + " " + Arrays.toString(shape);
  }
}
