package io.trantor.runtime.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InferenceRequest.RequestedOutput;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.onnx.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxLoadedModelTest {
  private static final long[] ROW = {1, TinyModels.WIDTH};
  private final OnnxModelRuntime runtime = new OnnxModelRuntime();
  @TempDir Path dir;

  private static int[] range(int from) {
    return IntStream.range(from, from + (int) TinyModels.WIDTH).toArray();
  }

  private static InferenceRequest simpleRequest(int[] a, int[] b, List<RequestedOutput> outputs) {
    return new InferenceRequest(
        "simple", null, null, Map.of(),
        List.of(Tensor.ofInts("INPUT0", ROW, a), Tensor.ofInts("INPUT1", ROW, b)), outputs);
  }

  @Test
  void addsAndSubtracts() throws Exception {
    try (LoadedModel model = runtime.load(TinyModels.sumAndDifference(dir))) {
      List<Tensor> out = model.infer(simpleRequest(range(1), range(0), List.of()));

      assertThat(out).extracting(Tensor::name).containsExactly("OUTPUT0", "OUTPUT1");
      assertThat(out.get(0).asInts()).containsExactly(IntStream.range(0, 16).map(i -> 2 * i + 1).toArray());
      assertThat(out.get(0).shape()).containsExactly(ROW);
      assertThat(out.get(1).asInts()).containsOnly(1);
    }
  }

  @Test
  void readsTheSignatureFromTheModelWithSymbolicDimensionsAsMinusOne() throws Exception {
    try (LoadedModel model = runtime.load(TinyModels.sumAndDifference(dir))) {
      assertThat(model.signature().platform()).isEqualTo("onnx_onnxv1");
      assertThat(model.signature().inputs())
          .containsExactly(
              TensorMetadata.of("INPUT0", Datatype.INT32, -1, 16),
              TensorMetadata.of("INPUT1", Datatype.INT32, -1, 16));
      assertThat(model.signature().outputs()).extracting(TensorMetadata::name).containsExactly("OUTPUT0", "OUTPUT1");
    }
  }

  @Test
  void prefersShapesDeclaredInTheSettings() throws Exception {
    ModelArtifact plain = TinyModels.sumAndDifference(dir);
    ModelArtifact declared =
        new ModelArtifact(plain.name(), "1", dir, null, null, "onnxruntime_onnx", 8,
            List.of(TensorMetadata.of("INPUT0", Datatype.INT32, -1, 16)),
            List.of(), Map.of(), dir.resolve("config.pbtxt"));
    try (LoadedModel model = runtime.load(declared)) {
      assertThat(model.signature().inputs().getFirst().shape()).containsExactly(-1, 16);
    }
    ModelArtifact fixedBatch =
        new ModelArtifact(plain.name(), "1", dir, null, "onnx", null, 0,
            List.of(TensorMetadata.of("INPUT1", Datatype.INT32, 2, 16)),
            List.of(), Map.of(), null);
    try (LoadedModel model = runtime.load(fixedBatch)) {
      assertThat(model.signature().inputs().get(1).shape()).containsExactly(2, 16);
    }
  }

  @Test
  void refusesSettingsThatContradictTheModel() {
    ModelArtifact plain = TinyModels.sumAndDifference(dir);
    ModelArtifact wrongType =
        new ModelArtifact(plain.name(), "1", dir, null, null, "onnxruntime_onnx", 8,
            List.of(TensorMetadata.of("INPUT0", Datatype.FP32, -1, 16)),
            List.of(), Map.of(), dir.resolve("config.pbtxt"));
    assertThatThrownBy(() -> runtime.load(wrongType))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("model 'simple': config.pbtxt declares input 'INPUT0' as FP32 but the ONNX model has INT32");

    ModelArtifact unknown =
        new ModelArtifact(plain.name(), "1", dir, null, null, "onnxruntime_onnx", 8,
            List.of(), List.of(TensorMetadata.of("OUTPUT9", Datatype.INT32, -1, 16)),
            Map.of(), dir.resolve("config.pbtxt"));
    assertThatThrownBy(() -> runtime.load(unknown))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("model 'simple': config.pbtxt declares output 'OUTPUT9' but the ONNX model's outputs are [OUTPUT0, OUTPUT1]");

    ModelArtifact wrongWidth =
        new ModelArtifact(plain.name(), "1", dir, null, null, "onnxruntime_onnx", 8,
            List.of(TensorMetadata.of("INPUT1", Datatype.INT32, -1, 20)),
            List.of(), Map.of(), dir.resolve("config.pbtxt"));
    assertThatThrownBy(() -> runtime.load(wrongWidth))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("input 'INPUT1' with shape [-1, 20] but the ONNX model has [-1, 16]");
  }

  @Test
  void computesOnlyTheRequestedOutputs() throws Exception {
    try (LoadedModel model = runtime.load(TinyModels.sumAndDifference(dir))) {
      List<Tensor> out =
          model.infer(simpleRequest(range(5), range(0), List.of(RequestedOutput.named("OUTPUT1"))));

      assertThat(out).extracting(Tensor::name).containsExactly("OUTPUT1");
      assertThat(out.getFirst().asInts()).containsOnly(5);
    }
  }

  @Test
  void rejectsARequestedOutputTheModelDoesNotHave() throws Exception {
    try (LoadedModel model = runtime.load(TinyModels.sumAndDifference(dir))) {
      assertThatThrownBy(
              () -> model.infer(simpleRequest(range(0), range(0), List.of(RequestedOutput.named("OUTPUT7")))))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage("model 'simple' has no output 'OUTPUT7'; its outputs are [OUTPUT0, OUTPUT1]");
    }
  }

  @Test
  void reportsAWrongShapeAsInvalidInputNamingTheTensor() throws Exception {
    try (LoadedModel model = runtime.load(TinyModels.sumAndDifference(dir))) {
      InferenceRequest wide =
          InferenceRequest.of("simple", List.of(
              Tensor.ofInts("INPUT0", new long[] {1, 20}, new int[20]),
              Tensor.ofInts("INPUT1", new long[] {1, 20}, new int[20])));

      assertThatThrownBy(() -> model.infer(wide))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageStartingWith("model 'simple': ")
          .hasMessageContaining("INPUT0")
          .hasMessageNotContaining("Error code");
    }
  }

  @Test
  void reportsAWrongDatatypeAsInvalidInput() throws Exception {
    try (LoadedModel model = runtime.load(TinyModels.sumAndDifference(dir))) {
      InferenceRequest floats =
          InferenceRequest.of("simple", List.of(
              Tensor.ofFloats("INPUT0", ROW, new float[16]), Tensor.ofInts("INPUT1", ROW, new int[16])));

      assertThatThrownBy(() -> model.infer(floats))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage("model 'simple': input 'INPUT0' must be INT32, got FP32");
    }
  }

  @Test
  void failsToLoadAFolderWithoutAnOnnxFile() {
    ModelArtifact empty = TinyModels.artifact("ghost", dir);
    assertThatThrownBy(() -> runtime.load(empty))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("model 'ghost': no ONNX file in " + dir + " (expected model.onnx, or a uri naming the .onnx file)");
  }

  @Test
  void failsToLoadAFileThatIsNotOnnx() throws IOException {
    Files.writeString(dir.resolve("model.onnx"), "not a model");
    ModelArtifact broken = TinyModels.artifact("broken", dir);
    assertThatThrownBy(() -> runtime.load(broken))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith("model 'broken': ONNX Runtime cannot load " + dir.resolve("model.onnx") + ": ")
        .hasMessageNotContaining("Error code");
  }

  @Test
  void closingTwiceIsHarmless() throws Exception {
    LoadedModel model = runtime.load(TinyModels.addTen(dir));
    model.close();
    model.close();
  }

  @Test
  void addsTenToAFixedShapeVector() throws Exception {
    try (LoadedModel model = runtime.load(TinyModels.addTen(dir))) {
      List<Tensor> out =
          model.infer(InferenceRequest.of("add10", List.of(Tensor.ofFloats("INPUT", new long[] {4}, 1, 2, 3, 4))));
      assertThat(out.getFirst().asFloats()).containsExactly(11, 12, 13, 14);
      assertThat(model.signature().inputs()).containsExactly(TensorMetadata.of("INPUT", Datatype.FP32, 4));
    }
  }
}
