package io.trantor.runtime.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.ArtifactMatch;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The ONNX models committed under samples/models behave as the shared reference (§5.1) says their
 * Seldon counterparts do. The artifacts are described here by hand, as the repository reader
 * would describe them, so this runs without the agent's repository code.
 */
class CommittedSampleModelsTest {
  /** samples/models relative to this module's folder (where surefire runs). */
  private static final Path MODELS = Path.of("../samples/models");
  private final OnnxModelRuntime runtime = new OnnxModelRuntime();

  private static ModelArtifact triton(String name, int maxBatchSize, List<TensorMetadata> inputs) {
    Path folder = MODELS.resolve(name);
    return new ModelArtifact(name, "1", folder.resolve("1"), null, null, "onnxruntime_onnx",
        maxBatchSize, inputs, List.of(), Map.of(), folder.resolve("config.pbtxt"));
  }

  @Test
  void simpleAddsAndSubtractsSixteenInts() throws Exception {
    ModelArtifact simple = triton("simple", 8, List.of(TensorMetadata.of("INPUT0", Datatype.INT32, -1, 16)));
    assertThat(runtime.match(simple)).isEqualTo(ArtifactMatch.DECLARED);
    try (LoadedModel model = runtime.load(simple)) {
      int[] ones = IntStream.rangeClosed(1, 16).toArray();
      List<Tensor> out = model.infer(InferenceRequest.of("simple", List.of(
          Tensor.ofInts("INPUT0", new long[] {1, 16}, ones), Tensor.ofInts("INPUT1", new long[] {1, 16}, ones))));

      assertThat(out.get(0).asInts()).containsExactly(IntStream.rangeClosed(1, 16).map(i -> 2 * i).toArray());
      assertThat(out.get(1).asInts()).containsOnly(0);
      assertThat(model.signature().outputs())
          .containsExactly(TensorMetadata.of("OUTPUT0", Datatype.INT32, -1, 16), TensorMetadata.of("OUTPUT1", Datatype.INT32, -1, 16));
    }
  }

  @Test
  void add10AndMul10TransformFourFloats() throws Exception {
    Tensor input = Tensor.ofFloats("INPUT", new long[] {4}, 1, 2, 3, 4);
    try (LoadedModel add10 = runtime.load(triton("add10", 0, List.of()));
        LoadedModel mul10 = runtime.load(triton("mul10", 0, List.of()))) {
      assertThat(add10.infer(InferenceRequest.of("add10", List.of(input))).getFirst().asFloats())
          .containsExactly(11, 12, 13, 14);
      assertThat(mul10.infer(InferenceRequest.of("mul10", List.of(input))).getFirst().asFloats())
          .containsExactly(10, 20, 30, 40);
    }
  }

  @Test
  void irisClassifiesOneTwoThreeFourAsVirginica() throws Exception {
    Path folder = MODELS.resolve("iris");
    ModelArtifact iris = new ModelArtifact("iris", "1", folder, folder.resolve("model.onnx"), "onnx", null,
        0, List.of(), List.of(), Map.of(), folder.resolve("model-settings.json"));
    try (LoadedModel model = runtime.load(iris)) {
      List<Tensor> out = model.infer(InferenceRequest.of("iris", List.of(
          Tensor.ofFloats("input", new long[] {2, 4}, 1, 2, 3, 4, 5.1f, 3.5f, 1.4f, 0.2f))));

      assertThat(out).singleElement().satisfies(predict -> {
        assertThat(predict.name()).isEqualTo("predict");
        assertThat(predict.shape()).containsExactly(2);
        assertThat(predict.asLongs()).containsExactly(2, 0);
      });
      assertThat(model.signature().inputs()).containsExactly(TensorMetadata.of("input", Datatype.FP32, -1, 4));
      assertThat(model.signature().outputs()).containsExactly(TensorMetadata.of("predict", Datatype.INT64, -1));
    }
  }
}
