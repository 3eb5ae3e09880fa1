package io.trantor.runtime.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.ArtifactMatch;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.repository.ModelFolder;
import io.trantor.runtime.api.repository.ModelFolderReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The committed mirror of Seldon's {@code gs://seldon-models/triton/simple} (a real TensorFlow
 * GraphDef) loads through the repository reader and answers as the shared reference §5.6 records.
 */
class TritonSimpleMirrorTest {
  private static final Path SIMPLE = Path.of("../samples/seldon-mirror/triton/simple");
  private static final int[] ONE_TO_SIXTEEN = IntStream.rangeClosed(1, 16).toArray();

  private final TensorflowModelRuntime runtime = new TensorflowModelRuntime();

  private static ModelArtifact simple() {
    ModelFolder folder = new ModelFolderReader().read(SIMPLE);
    assertThat(folder.problems()).isEmpty();
    return folder.versions().getFirst();
  }

  private static InferenceRequest request(List<InferenceRequest.RequestedOutput> outputs) {
    return new InferenceRequest("simple", null, null, Map.of(),
        List.of(Tensor.ofInts("INPUT0", new long[] {1, 16}, ONE_TO_SIXTEEN),
            Tensor.ofInts("INPUT1", new long[] {1, 16}, ONE_TO_SIXTEEN)),
        outputs);
  }

  @Test
  void sumsAndSubtractsSixteenIntsLikeTritonsSimple() throws Exception {
    ModelArtifact artifact = simple();
    assertThat(runtime.match(artifact)).isEqualTo(ArtifactMatch.DECLARED);
    try (LoadedModel model = runtime.load(artifact)) {
      List<Tensor> out = model.infer(request(List.of()));

      assertThat(out).extracting(Tensor::name).containsExactly("OUTPUT0", "OUTPUT1");
      assertThat(out.get(0).datatype()).isEqualTo(Datatype.INT32);
      assertThat(out.get(0).shape()).containsExactly(1, 16);
      assertThat(out.get(0).asInts()).containsExactly(IntStream.rangeClosed(1, 16).map(i -> 2 * i).toArray());
      assertThat(out.get(1).asInts()).hasSize(16).containsOnly(0);
    }
  }

  @Test
  void reportsTheTritonSignatureAndPlatform() throws Exception {
    try (LoadedModel model = runtime.load(simple())) {
      assertThat(model.signature().platform()).isEqualTo("tensorflow_graphdef");
      assertThat(model.signature().inputs()).containsExactly(
          TensorMetadata.of("INPUT0", Datatype.INT32, -1, 16), TensorMetadata.of("INPUT1", Datatype.INT32, -1, 16));
      assertThat(model.signature().outputs()).containsExactly(
          TensorMetadata.of("OUTPUT0", Datatype.INT32, -1, 16), TensorMetadata.of("OUTPUT1", Datatype.INT32, -1, 16));
    }
  }

  @Test
  void returnsOnlyTheRequestedOutput() throws Exception {
    try (LoadedModel model = runtime.load(simple())) {
      List<Tensor> out = model.infer(request(List.of(InferenceRequest.RequestedOutput.named("OUTPUT1"))));

      assertThat(out).singleElement().satisfies(t -> {
        assertThat(t.name()).isEqualTo("OUTPUT1");
        assertThat(t.asInts()).containsOnly(0);
      });
    }
  }

  @Test
  void batchesOfSeveralRowsRunInOneCall() throws Exception {
    int[] rows = IntStream.range(0, 48).toArray();
    try (LoadedModel model = runtime.load(simple())) {
      List<Tensor> out = model.infer(InferenceRequest.of("simple", List.of(
          Tensor.ofInts("INPUT0", new long[] {3, 16}, rows),
          Tensor.ofInts("INPUT1", new long[] {3, 16}, new int[48]))));

      assertThat(out.get(0).shape()).containsExactly(3, 16);
      assertThat(out.get(0).asInts()).containsExactly(rows);
    }
  }

  @Test
  void aShapeTensorflowRejectsIsTheCallersError() throws Exception {
    try (LoadedModel model = runtime.load(simple())) {
      // Request validation normally stops this first; the model must still fail cleanly.
      InferenceRequest mismatched = InferenceRequest.of("simple", List.of(
          Tensor.ofInts("INPUT0", new long[] {1, 16}, ONE_TO_SIXTEEN),
          Tensor.ofInts("INPUT1", new long[] {1, 15}, new int[15])));

      assertThatThrownBy(() -> model.infer(mismatched))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageStartingWith("model 'simple': ")
          .hasMessageContaining("Incompatible shapes")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }
}
