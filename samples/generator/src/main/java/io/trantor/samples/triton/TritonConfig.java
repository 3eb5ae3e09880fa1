package io.trantor.samples.triton;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The part of a Triton {@code config.pbtxt} the samples declare, rendered in a fixed layout.
 *
 * @param maxBatchSize above 0, Triton adds a leading batch dimension of up to this size to
 *     {@code dims}
 */
public record TritonConfig(
    String name, String platform, int maxBatchSize, List<Tensor> inputs, List<Tensor> outputs) {

  public TritonConfig {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /** One declared tensor; {@code dataType} is Triton's name, e.g. {@code TYPE_INT32}. */
  public record Tensor(String name, String dataType, List<Long> dims) {
    public Tensor {
      dims = List.copyOf(dims);
    }

    public static Tensor of(String name, String dataType, long... dims) {
      return new Tensor(name, dataType, Arrays.stream(dims).boxed().toList());
    }

    String render() {
      String dimList = dims.stream().map(String::valueOf).collect(Collectors.joining(", "));
      return "  {\n"
          + "    name: \"" + name + "\"\n"
          + "    data_type: " + dataType + "\n"
          + "    dims: [ " + dimList + " ]\n"
          + "  }";
    }
  }

  /** The config.pbtxt text. */
  public String render() {
    return "name: \"" + name + "\"\n"
        + "platform: \"" + platform + "\"\n"
        + "max_batch_size: " + maxBatchSize + "\n"
        + section("input", inputs)
        + section("output", outputs);
  }

  private static String section(String kind, List<Tensor> tensors) {
    return kind + " [\n"
        + tensors.stream().map(Tensor::render).collect(Collectors.joining(",\n"))
        + "\n]\n";
  }
}
