package io.trantor.runtime.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The committed Python-backend models under samples/seldon-mirror behave as the shared reference
 * (seldon-api-surface.md §5.1, A2-A10) records for Seldon's, read with the agent's real
 * config.pbtxt reader and run in real workers.
 */
class SeldonMirrorModelsTest {
  private static final String TRITON_23_03 = "scv2/samples/triton_23-03/";
  private static final Tensor ONE_TO_FOUR = Tensor.ofFloats("INPUT", new long[] {4}, 1, 2, 3, 4);

  private final PythonModelRuntime runtime = PythonModels.runtime();

  @AfterEach
  void closeRuntime() {
    runtime.close();
  }

  private LoadedModel load(String path) throws Exception {
    return runtime.load(PythonModels.read(PythonModels.MIRROR.resolve(path)));
  }

  private LoadedModel load(String path, String version) throws Exception {
    return runtime.load(PythonModels.read(PythonModels.MIRROR.resolve(path), version));
  }

  private static float[] infer(LoadedModel model, Tensor... inputs) {
    return model.infer(InferenceRequest.of("m", List.of(inputs))).getFirst().asFloats();
  }

  @Test
  void add10Mul10AndAdd20TransformFourFloats() throws Exception {
    try (LoadedModel add10 = load(TRITON_23_03 + "add10");
        LoadedModel mul10 = load(TRITON_23_03 + "mul10");
        LoadedModel add20 = load("triton/add20")) {
      assertThat(infer(add10, ONE_TO_FOUR)).containsExactly(11, 12, 13, 14);
      assertThat(infer(mul10, ONE_TO_FOUR)).containsExactly(10, 20, 30, 40);
      assertThat(infer(add20, ONE_TO_FOUR)).containsExactly(21, 22, 23, 24);
      assertThat(add10.signature().platform()).isEqualTo("python");
      assertThat(add10.signature().inputs()).containsExactly(TensorMetadata.of("INPUT", Datatype.FP32, 4));
      assertThat(add10.signature().outputs()).containsExactly(TensorMetadata.of("OUTPUT", Datatype.FP32, 4));
    }
  }

  @Test
  void conditionalEmitsOnlyTheChosenOutput() throws Exception {
    Tensor input0 = Tensor.ofFloats("INPUT0", new long[] {4}, 1, 2, 3, 4);
    Tensor input1 = Tensor.ofFloats("INPUT1", new long[] {4}, 5, 6, 7, 8);
    try (LoadedModel conditional = load(TRITON_23_03 + "conditional")) {
      List<Tensor> zero = conditional.infer(InferenceRequest.of("conditional",
          List.of(Tensor.ofInts("CHOICE", new long[] {1}, 0), input0, input1)));
      List<Tensor> one = conditional.infer(InferenceRequest.of("conditional",
          List.of(Tensor.ofInts("CHOICE", new long[] {1}, 1), input0, input1)));

      assertThat(zero).extracting(Tensor::name).containsExactly("OUTPUT0");
      assertThat(zero.getFirst().asFloats()).containsExactly(1, 2, 3, 4);
      assertThat(one).extracting(Tensor::name).containsExactly("OUTPUT1");
      assertThat(one.getFirst().asFloats()).containsExactly(5, 6, 7, 8);
    }
  }

  @Test
  void multiVersionServesAdd10AsVersion1AndMul10AsVersion2() throws Exception {
    try (LoadedModel v1 = load(TRITON_23_03 + "multi-version", "1");
        LoadedModel v2 = load(TRITON_23_03 + "multi-version", "2")) {
      assertThat(infer(v1, ONE_TO_FOUR)).containsExactly(11, 12, 13, 14);
      assertThat(infer(v2, ONE_TO_FOUR)).containsExactly(10, 20, 30, 40);
    }
  }

  @Test
  void checkPassesSmallValuesAndEmitsNothingOtherwise() throws Exception {
    int[] twos = IntStream.generate(() -> 2).limit(16).toArray();
    int[] doubled = IntStream.rangeClosed(1, 16).map(i -> 2 * i).toArray();
    try (LoadedModel check = load("triton/check")) {
      List<Tensor> passed = check.infer(InferenceRequest.of("check", List.of(Tensor.ofInts("INPUT", new long[] {1, 16}, twos))));
      List<Tensor> stopped = check.infer(InferenceRequest.of("check", List.of(Tensor.ofInts("INPUT", new long[] {1, 16}, doubled))));

      assertThat(passed).extracting(Tensor::name).containsExactly("OUTPUT");
      assertThat(passed.getFirst().asInts()).containsExactly(twos);
      assertThat(passed.getFirst().shape()).containsExactly(1, 16);
      assertThat(stopped).isEmpty();
    }
  }

  @Test
  void outlierPassesNormalInputAndFailsOutliersWithAnError() throws Exception {
    try (LoadedModel outlier = load("triton/outlier")) {
      assertThat(infer(outlier, ONE_TO_FOUR)).containsExactly(1, 2, 3, 4);
      assertThatThrownBy(() -> infer(outlier, Tensor.ofFloats("INPUT", new long[] {4}, 100, 2, 3, 4)))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage("outlier detected: value 100 is above the threshold 50");
    }
  }

  @Test
  void idNodeRelaysItsInputAndJoinNodeAddsTwoInputs() throws Exception {
    try (LoadedModel id = load("triton/id_node");
        LoadedModel join = load("triton/join_node")) {
      List<Tensor> relayed = id.infer(InferenceRequest.of("id_node", List.of(Tensor.ofBooleans("INPUT1", new long[] {1}, true))));
      List<Tensor> sum = join.infer(InferenceRequest.of("join_node", List.of(
          Tensor.ofLongs("INPUT1", new long[] {1}, 1), Tensor.ofLongs("INPUT2", new long[] {1}, 1))));

      assertThat(relayed.getFirst().name()).isEqualTo("OUTPUT1");
      assertThat(relayed.getFirst().asBooleans()).containsExactly(true);
      assertThat(sum.getFirst().name()).isEqualTo("OUTPUT1");
      assertThat(sum.getFirst().asLongs()).containsExactly(2);
    }
  }

  @Test
  void everyMirrorModelIsClaimedByThePythonRuntime() {
    for (String path : List.of(TRITON_23_03 + "add10", TRITON_23_03 + "mul10", TRITON_23_03 + "conditional",
        TRITON_23_03 + "multi-version", "triton/add20", "triton/check", "triton/outlier", "triton/id_node",
        "triton/join_node")) {
      ModelArtifact artifact = PythonModels.read(PythonModels.MIRROR.resolve(path));
      assertThat(artifact.platform()).as(path).isEqualTo("python");
      assertThat(runtime.match(artifact)).as(path).isEqualTo(io.trantor.runtime.api.ArtifactMatch.DECLARED);
    }
  }
}
