package io.trantor.samples.iris;

import io.trantor.samples.folder.SampleFolder;
import io.trantor.samples.onnx.OnnxAttribute;
import io.trantor.samples.onnx.OnnxElementType;
import io.trantor.samples.onnx.OnnxModelBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code iris} sample in MLServer layout: a softmax regression trained on the bundled iris
 * data, exported as ONNX {@code MatMul → Add → ArgMax}. Input {@code input} FP32 {@code [-1,4]},
 * output {@code predict} INT64 {@code [-1]} (the class index).
 */
public final class IrisSample {
  static final String SETTINGS =
      """
      {
        "name": "iris",
        "implementation": "onnx",
        "parameters": {
          "uri": "./model.onnx",
          "version": "1"
        }
      }
      """;

  private IrisSample() {}

  /** The model trained on the bundled dataset (deterministic). */
  public static SoftmaxRegression trainedModel() {
    IrisDataset data = IrisDataset.load();
    return SoftmaxRegression.train(data.features(), data.labels(), IrisDataset.CLASSES);
  }

  /** The ONNX bytes of {@code model}. */
  public static byte[] onnx(SoftmaxRegression model) {
    int classes = model.bias().length;
    return OnnxModelBuilder.graph("iris")
        .input("input", OnnxElementType.FLOAT, -1, IrisDataset.FEATURES)
        .output("predict", OnnxElementType.INT64, -1)
        .floatInitializer("weights", new long[] {IrisDataset.FEATURES, classes}, model.flatWeights())
        .floatInitializer("bias", new long[] {classes}, model.bias())
        .node("MatMul", List.of("input", "weights"), List.of("product"))
        .node("Add", List.of("product", "bias"), List.of("scores"))
        .node(
            "ArgMax",
            List.of("scores"),
            List.of("predict"),
            OnnxAttribute.of("axis", 1L),
            OnnxAttribute.of("keepdims", 0L))
        .build();
  }

  /** Writes {@code model-settings.json} and {@code model.onnx} into {@code modelDir}. */
  public static void write(Path modelDir) throws IOException {
    SampleFolder folder = new SampleFolder(modelDir);
    folder.writeText("model-settings.json", SETTINGS);
    folder.write("model.onnx", onnx(trainedModel()));
  }
}
