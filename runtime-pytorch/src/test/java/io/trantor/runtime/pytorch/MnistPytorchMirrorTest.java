package io.trantor.runtime.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.ArtifactMatch;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.repository.ModelFolder;
import io.trantor.runtime.api.repository.ModelFolderReader;
import io.trantor.samples.tritonnative.DigitTemplates;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The committed mirror of Seldon's {@code mnist-pytorch} (a TorchScript archive written without
 * PyTorch) loads in LibTorch through the repository reader and classifies the digit figures.
 */
class MnistPytorchMirrorTest {
  private static final Path MNIST = Path.of("../samples/seldon-mirror/scv2/samples/triton_23-03/mnist-pytorch");

  private final PytorchModelRuntime runtime = new PytorchModelRuntime();

  static ModelArtifact mnist() {
    ModelFolder folder = new ModelFolderReader().read(MNIST);
    assertThat(folder.problems()).isEmpty();
    return folder.versions().getFirst();
  }

  static Tensor digits(int... digits) {
    float[] pixels = new float[digits.length * DigitTemplates.PIXELS];
    for (int i = 0; i < digits.length; i++) {
      System.arraycopy(DigitTemplates.image(digits[i]), 0, pixels, i * DigitTemplates.PIXELS, DigitTemplates.PIXELS);
    }
    return Tensor.ofFloats("x__0", new long[] {digits.length, 1, 28, 28}, pixels);
  }

  static int[] argmaxPerRow(Tensor scores) {
    float[] values = scores.asFloats();
    int classes = (int) scores.shape()[1];
    return IntStream.range(0, (int) scores.shape()[0])
        .map(row -> IntStream.range(0, classes)
            .reduce((a, b) -> values[row * classes + b] > values[row * classes + a] ? b : a).orElseThrow())
        .toArray();
  }

  @Test
  void classifiesEachDigitFigureAsItsDigit() throws Exception {
    ModelArtifact artifact = mnist();
    assertThat(runtime.match(artifact)).isEqualTo(ArtifactMatch.DECLARED);
    try (LoadedModel model = runtime.load(artifact)) {
      List<Tensor> out = model.infer(InferenceRequest.of("mnist-pytorch", List.of(digits(0, 1, 2, 3, 4, 5, 6, 7, 8, 9))));

      assertThat(out).singleElement().satisfies(scores -> {
        assertThat(scores.name()).isEqualTo("y__0");
        assertThat(scores.datatype()).isEqualTo(Datatype.FP32);
        assertThat(scores.shape()).containsExactly(10, 10);
        assertThat(argmaxPerRow(scores)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
      });
    }
  }

  @Test
  void reportsTheTritonSignatureAndPlatform() throws Exception {
    try (LoadedModel model = runtime.load(mnist())) {
      assertThat(model.signature().platform()).isEqualTo("pytorch_libtorch");
      assertThat(model.signature().inputs()).containsExactly(TensorMetadata.of("x__0", Datatype.FP32, -1, 1, 28, 28));
      assertThat(model.signature().outputs()).containsExactly(TensorMetadata.of("y__0", Datatype.FP32, -1, 10));
    }
  }
}
