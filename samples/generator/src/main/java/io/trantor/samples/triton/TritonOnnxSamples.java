package io.trantor.samples.triton;

import io.trantor.samples.folder.SampleFolder;
import io.trantor.samples.onnx.OnnxElementType;
import io.trantor.samples.onnx.OnnxModelBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Triton-layout ONNX samples ({@code config.pbtxt} + {@code 1/model.onnx}) that behave like
 * Seldon's {@code simple}, {@code add10} and {@code mul10} (shared reference
 * seldon-api-surface.md §5.1 A1–A3).
 */
public final class TritonOnnxSamples {
  private static final String PLATFORM = "onnxruntime_onnx";
  private static final long SIMPLE_WIDTH = 16;
  private static final long VECTOR_WIDTH = 4;

  private TritonOnnxSamples() {}

  /** INT32 {@code [-1,16]} x2: {@code OUTPUT0 = INPUT0 + INPUT1}, {@code OUTPUT1 = INPUT0 - INPUT1}. */
  public static void writeSimple(Path modelDir) throws IOException {
    TritonConfig config =
        new TritonConfig(
            "simple",
            PLATFORM,
            8,
            List.of(
                TritonConfig.Tensor.of("INPUT0", "TYPE_INT32", SIMPLE_WIDTH),
                TritonConfig.Tensor.of("INPUT1", "TYPE_INT32", SIMPLE_WIDTH)),
            List.of(
                TritonConfig.Tensor.of("OUTPUT0", "TYPE_INT32", SIMPLE_WIDTH),
                TritonConfig.Tensor.of("OUTPUT1", "TYPE_INT32", SIMPLE_WIDTH)));
    byte[] model =
        OnnxModelBuilder.graph("simple")
            .input("INPUT0", OnnxElementType.INT32, -1, SIMPLE_WIDTH)
            .input("INPUT1", OnnxElementType.INT32, -1, SIMPLE_WIDTH)
            .output("OUTPUT0", OnnxElementType.INT32, -1, SIMPLE_WIDTH)
            .output("OUTPUT1", OnnxElementType.INT32, -1, SIMPLE_WIDTH)
            .node("Add", List.of("INPUT0", "INPUT1"), List.of("OUTPUT0"))
            .node("Sub", List.of("INPUT0", "INPUT1"), List.of("OUTPUT1"))
            .build();
    write(modelDir, config, model);
  }

  /** FP32 {@code [4]}: {@code OUTPUT = INPUT + 10}. */
  public static void writeAdd10(Path modelDir) throws IOException {
    writeVectorOp(modelDir, "add10", "Add");
  }

  /** FP32 {@code [4]}: {@code OUTPUT = INPUT * 10}. */
  public static void writeMul10(Path modelDir) throws IOException {
    writeVectorOp(modelDir, "mul10", "Mul");
  }

  private static void writeVectorOp(Path modelDir, String name, String opType) throws IOException {
    TritonConfig config =
        new TritonConfig(
            name,
            PLATFORM,
            0,
            List.of(TritonConfig.Tensor.of("INPUT", "TYPE_FP32", VECTOR_WIDTH)),
            List.of(TritonConfig.Tensor.of("OUTPUT", "TYPE_FP32", VECTOR_WIDTH)));
    byte[] model =
        OnnxModelBuilder.graph(name)
            .input("INPUT", OnnxElementType.FLOAT, VECTOR_WIDTH)
            .output("OUTPUT", OnnxElementType.FLOAT, VECTOR_WIDTH)
            .floatInitializer("ten", new long[] {1}, 10f)
            .node(opType, List.of("INPUT", "ten"), List.of("OUTPUT"))
            .build();
    write(modelDir, config, model);
  }

  private static void write(Path modelDir, TritonConfig config, byte[] model) throws IOException {
    SampleFolder folder = new SampleFolder(modelDir);
    folder.writeText("config.pbtxt", config.render());
    folder.write("1/model.onnx", model);
  }
}
