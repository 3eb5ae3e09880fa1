package io.trantor.runtime.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.ArtifactMatch;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.repository.ModelFolder;
import io.trantor.runtime.api.repository.ModelFolderReader;
import io.trantor.samples.tritonnative.Cifar10SavedModel;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The committed mirrors of Seldon's TensorFlow CIFAR-10 SavedModels, with config.pbtxt
 * ({@code triton/tf_cifar10}) and without ({@code scv2/samples/tensorflow/cifar10}), load and
 * return a probability per class for a batch of images.
 */
class Cifar10MirrorTest {
  private static final Path MIRROR = Path.of("../samples/seldon-mirror");

  @ParameterizedTest
  @CsvSource({"triton/tf_cifar10, DECLARED", "scv2/samples/tensorflow/cifar10, ARTIFACT_FILE"})
  void classifiesABatchOfImagesIntoTenProbabilities(String path, ArtifactMatch expectedMatch) throws Exception {
    ModelFolder folder = new ModelFolderReader().read(MIRROR.resolve(path));
    assertThat(folder.problems()).isEmpty();
    ModelArtifact artifact = folder.versions().getFirst();
    TensorflowModelRuntime runtime = new TensorflowModelRuntime();
    assertThat(runtime.match(artifact)).isEqualTo(expectedMatch);

    float[] batch = new float[2 * Cifar10SavedModel.PIXELS];
    System.arraycopy(Cifar10SavedModel.bandImage(2), 0, batch, 0, Cifar10SavedModel.PIXELS);
    System.arraycopy(Cifar10SavedModel.bandImage(9), 0, batch, Cifar10SavedModel.PIXELS, Cifar10SavedModel.PIXELS);
    try (LoadedModel model = runtime.load(artifact)) {
      assertThat(model.signature().platform()).isEqualTo("tensorflow_savedmodel");
      assertThat(model.signature().inputs()).containsExactly(TensorMetadata.of("input_1", Datatype.FP32, -1, 32, 32, 3));
      assertThat(model.signature().outputs()).containsExactly(TensorMetadata.of("fc10", Datatype.FP32, -1, 10));

      List<Tensor> out = model.infer(InferenceRequest.of("cifar10", List.of(
          Tensor.ofFloats("input_1", new long[] {2, 32, 32, 3}, batch))));

      Tensor fc10 = out.getFirst();
      assertThat(fc10.name()).isEqualTo("fc10");
      assertThat(fc10.shape()).containsExactly(2, 10);
      float[] p = fc10.asFloats();
      for (int row = 0; row < 2; row++) {
        int r = row;
        assertThat(IntStream.range(0, 10).mapToDouble(c -> p[r * 10 + c]).sum()).isCloseTo(1.0, within(1e-5));
      }
      assertThat(argmax(p, 0)).isEqualTo(2);
      assertThat(argmax(p, 1)).isEqualTo(9);
    }
  }

  private static int argmax(float[] p, int row) {
    return IntStream.range(0, 10).reduce((a, b) -> p[row * 10 + b] > p[row * 10 + a] ? b : a).orElseThrow();
  }
}
