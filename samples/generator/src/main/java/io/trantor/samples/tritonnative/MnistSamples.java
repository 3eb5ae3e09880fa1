package io.trantor.samples.tritonnative;

import io.trantor.samples.folder.SampleFolder;
import io.trantor.samples.onnx.OnnxElementType;
import io.trantor.samples.onnx.OnnxModelBuilder;
import io.trantor.samples.triton.TritonConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Seldon's {@code mnist-onnx} and {@code mnist-pytorch} Triton samples (shared reference
 * seldon-api-surface.md §5.1 A11, A12) with the same tensor names, types and shapes, computing the
 * same synthetic linear digit classifier ({@link DigitTemplates}): ten scores whose argmax is
 * the digit.
 */
public final class MnistSamples {
  static final String ONNX_INPUT = "Input3";
  static final String ONNX_OUTPUT = "Plus214_Output_0";
  static final String TORCH_INPUT = "x__0";
  static final String TORCH_OUTPUT = "y__0";
  static final int TORCH_MAX_BATCH = 512;

  /** The TorchScript class: flattens {@code [N,1,28,28]} and scores each image. */
  static final String TORCH_SOURCE = linearModuleSource("mnist", "MnistLinear");

  private MnistSamples() {}

  /**
   * TorchScript source of a module class that flattens each input after the batch dimension and
   * returns {@code flat @ weight + bias}, as {@code __torch__.<module>.<className>}.
   */
  static String linearModuleSource(String module, String className) {
    return """
        class %2$s(Module):
          __parameters__ = ["weight", "bias", ]
          __buffers__ = []
          weight : Tensor
          bias : Tensor
          training : bool
          def forward(self: __torch__.%1$s.%2$s,
            x: Tensor) -> Tensor:
            flat = torch.flatten(x, 1)
            scores = torch.matmul(flat, self.weight)
            return torch.add(scores, self.bias)
        """.formatted(module, className);
  }

  /** {@code Input3} FP32 {@code [1,1,28,28]} → {@code Plus214_Output_0} FP32 {@code [1,10]}. */
  public static void writeOnnx(Path modelDir) throws IOException {
    TritonConfig config =
        new TritonConfig(
            "mnist-onnx",
            "onnxruntime_onnx",
            0,
            List.of(TritonConfig.Tensor.of(ONNX_INPUT, "TYPE_FP32", 1, 1, DigitTemplates.SIDE, DigitTemplates.SIDE)),
            List.of(TritonConfig.Tensor.of(ONNX_OUTPUT, "TYPE_FP32", 1, DigitTemplates.CLASSES)));
    byte[] model =
        OnnxModelBuilder.graph("mnist")
            .input(ONNX_INPUT, OnnxElementType.FLOAT, 1, 1, DigitTemplates.SIDE, DigitTemplates.SIDE)
            .output(ONNX_OUTPUT, OnnxElementType.FLOAT, 1, DigitTemplates.CLASSES)
            .longInitializer("flat_shape", new long[] {2}, 1, DigitTemplates.PIXELS)
            .floatInitializer("weight", new long[] {DigitTemplates.PIXELS, DigitTemplates.CLASSES}, DigitTemplates.weights())
            .floatInitializer("bias", new long[] {DigitTemplates.CLASSES}, new float[DigitTemplates.CLASSES])
            .node("Reshape", List.of(ONNX_INPUT, "flat_shape"), List.of("flat"))
            .node("MatMul", List.of("flat", "weight"), List.of("scores"))
            .node("Add", List.of("scores", "bias"), List.of(ONNX_OUTPUT))
            .build();
    SampleFolder folder = new SampleFolder(modelDir);
    folder.writeText("config.pbtxt", config.render());
    folder.write("1/model.onnx", model);
  }

  /**
   * {@code x__0} FP32 {@code [N,1,28,28]} → {@code y__0} FP32 {@code [N,10]}, {@code max_batch_size:
   * 512}; the config is named {@code classifier} as in Seldon's sample script.
   */
  public static void writePytorch(Path modelDir) throws IOException {
    TritonConfig config =
        new TritonConfig(
            "classifier",
            "pytorch_libtorch",
            TORCH_MAX_BATCH,
            List.of(TritonConfig.Tensor.of(TORCH_INPUT, "TYPE_FP32", 1, DigitTemplates.SIDE, DigitTemplates.SIDE)),
            List.of(TritonConfig.Tensor.of(TORCH_OUTPUT, "TYPE_FP32", DigitTemplates.CLASSES)));
    TorchScriptArchive archive =
        new TorchScriptArchive(
            "mnist",
            "MnistLinear",
            TORCH_SOURCE,
            List.of(
                new TorchScriptArchive.FloatTensor(
                    "weight", new long[] {DigitTemplates.PIXELS, DigitTemplates.CLASSES}, DigitTemplates.weights()),
                new TorchScriptArchive.FloatTensor(
                    "bias", new long[] {DigitTemplates.CLASSES}, new float[DigitTemplates.CLASSES])));
    SampleFolder folder = new SampleFolder(modelDir);
    folder.writeText("config.pbtxt", config.render());
    folder.write("1/model.pt", archive.toBytes());
  }

  /** Seldon's {@code triton/simple}: the TensorFlow GraphDef of {@link SimpleGraphDef}. */
  public static void writeSimple(Path modelDir) throws IOException {
    writeSimple(modelDir, "simple", "TYPE_INT32", SimpleGraphDef.build());
  }

  /** Seldon's {@code triton/tf_simple_string}: {@link SimpleGraphDef#buildStrings()}, BYTES tensors. */
  public static void writeSimpleString(Path modelDir) throws IOException {
    writeSimple(modelDir, "simple_string", "TYPE_STRING", SimpleGraphDef.buildStrings());
  }

  private static void writeSimple(Path modelDir, String name, String dataType, byte[] graph) throws IOException {
    TritonConfig config =
        new TritonConfig(
            name,
            "tensorflow_graphdef",
            8,
            List.of(
                TritonConfig.Tensor.of("INPUT0", dataType, SimpleGraphDef.WIDTH),
                TritonConfig.Tensor.of("INPUT1", dataType, SimpleGraphDef.WIDTH)),
            List.of(
                TritonConfig.Tensor.of("OUTPUT0", dataType, SimpleGraphDef.WIDTH),
                TritonConfig.Tensor.of("OUTPUT1", dataType, SimpleGraphDef.WIDTH)));
    SampleFolder folder = new SampleFolder(modelDir);
    folder.writeText("config.pbtxt", config.render());
    folder.write("1/model.graphdef", graph);
  }
}
