package io.trantor.runtime.onnx.testing;

import io.trantor.protocol.Datatype;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.samples.onnx.OnnxElementType;
import io.trantor.samples.onnx.OnnxModelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tiny ONNX models written into a folder, each returned as the {@link ModelArtifact} a model
 * repository would hand the runtime (MLServer style: {@code implementation: onnx}, version 1).
 */
public final class TinyModels {
  public static final long WIDTH = 16;

  private TinyModels() {}

  /** INT32 {@code [-1,16]} INPUT0, INPUT1 → OUTPUT0 = sum, OUTPUT1 = difference. */
  public static byte[] sumAndDifferenceBytes() {
    return OnnxModelBuilder.graph("sum_and_difference")
        .input("INPUT0", OnnxElementType.INT32, -1, WIDTH)
        .input("INPUT1", OnnxElementType.INT32, -1, WIDTH)
        .output("OUTPUT0", OnnxElementType.INT32, -1, WIDTH)
        .output("OUTPUT1", OnnxElementType.INT32, -1, WIDTH)
        .node("Add", List.of("INPUT0", "INPUT1"), List.of("OUTPUT0"))
        .node("Sub", List.of("INPUT0", "INPUT1"), List.of("OUTPUT1"))
        .build();
  }

  /** {@link #sumAndDifferenceBytes()} as {@code dir/model.onnx}, model name {@code simple}. */
  public static ModelArtifact sumAndDifference(Path dir) {
    return write(dir, "simple", sumAndDifferenceBytes());
  }

  /** {@code OUTPUT = Identity(INPUT)}, both of {@code datatype} and shape {@code [-1]}. */
  public static ModelArtifact identity(Path dir, Datatype datatype) {
    OnnxElementType type = OnnxElementType.of(datatype);
    byte[] model =
        OnnxModelBuilder.graph("identity")
            .input("INPUT", type, -1)
            .output("OUTPUT", type, -1)
            .node("Identity", List.of("INPUT"), List.of("OUTPUT"))
            .build();
    return write(dir, "identity-" + datatype.name().toLowerCase(Locale.ROOT), model);
  }

  /** FP32 {@code [4]}: {@code OUTPUT = INPUT + 10}. */
  public static ModelArtifact addTen(Path dir) {
    byte[] model =
        OnnxModelBuilder.graph("add10")
            .input("INPUT", OnnxElementType.FLOAT, 4)
            .output("OUTPUT", OnnxElementType.FLOAT, 4)
            .floatInitializer("ten", new long[] {1}, 10f)
            .node("Add", List.of("INPUT", "ten"), List.of("OUTPUT"))
            .build();
    return write(dir, "add10", model);
  }

  /** Writes {@code bytes} as {@code dir/model.onnx} and describes it as an MLServer onnx model. */
  public static ModelArtifact write(Path dir, String name, byte[] bytes) {
    try {
      Files.createDirectories(dir);
      Files.write(dir.resolve("model.onnx"), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return artifact(name, dir);
  }

  /** An artifact for the folder with {@code implementation: onnx} and nothing declared. */
  public static ModelArtifact artifact(String name, Path dir) {
    return new ModelArtifact(name, "1", dir, null, "onnx", null, 0, List.of(), List.of(), Map.of(), null);
  }
}
