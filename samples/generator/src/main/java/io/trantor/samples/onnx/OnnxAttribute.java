package io.trantor.samples.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A node attribute of one of the kinds the samples need. */
public sealed interface OnnxAttribute {

  String name();

  record IntValue(String name, long value) implements OnnxAttribute {}

  record FloatValue(String name, float value) implements OnnxAttribute {}

  record StringValue(String name, String value) implements OnnxAttribute {}

  record IntList(String name, List<Long> values) implements OnnxAttribute {
    public IntList {
      values = List.copyOf(values);
    }
  }

  record FloatList(String name, List<Float> values) implements OnnxAttribute {
    public FloatList {
      values = List.copyOf(values);
    }
  }

  static OnnxAttribute of(String name, long value) {
    return new IntValue(name, value);
  }

  static OnnxAttribute of(String name, float value) {
    return new FloatValue(name, value);
  }

  static OnnxAttribute of(String name, String value) {
    return new StringValue(name, value);
  }

  static OnnxAttribute ints(String name, long... values) {
    return new IntList(name, Arrays.stream(values).boxed().toList());
  }

  static OnnxAttribute floats(String name, float... values) {
    List<Float> boxed = new ArrayList<>(values.length);
    for (float v : values) {
      boxed.add(v);
    }
    return new FloatList(name, boxed);
  }
}
