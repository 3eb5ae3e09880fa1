package io.trantor.samples.tritonnative;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.trantor.samples.SampleGenerator;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed Triton-native mirror artifacts are exactly what the generator writes (rerun
 * {@code TritonNativeMirror samples/seldon-mirror} and commit when this fails), and the synthetic
 * MNIST classifier gives each digit figure its own class. That the GraphDef and the TorchScript
 * file answer in TensorFlow and LibTorch is tested in runtime-tensorflow and runtime-pytorch.
 */
class TritonNativeMirrorTest {
  /** The committed mirror, relative to this module's folder (where surefire runs). */
  private static final Path COMMITTED = Path.of("../seldon-mirror");

  @TempDir Path generated;

  static Stream<String> artifacts() {
    return TritonNativeMirror.ARTIFACTS.stream().map(SampleGenerator.Sample::name);
  }

  @ParameterizedTest
  @MethodSource("artifacts")
  void committedFilesMatchAFreshRun(String name) throws IOException {
    SampleGenerator.Sample artifact =
        TritonNativeMirror.ARTIFACTS.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    SampleGenerator.write(artifact, generated);
    Path fresh = generated.resolve(name);
    Path committed = COMMITTED.resolve(name);

    assertThat(relativeFiles(committed)).as("files of %s", committed).isEqualTo(relativeFiles(fresh));
    for (Path file : relativeFiles(fresh)) {
      assertThat(Files.readAllBytes(committed.resolve(file)))
          .as("%s differs from a fresh run; regenerate the mirror (samples/README.md)", committed.resolve(file))
          .isEqualTo(Files.readAllBytes(fresh.resolve(file)));
    }
  }

  @Test
  void theOnnxClassifierScoresEachDigitFigureHighestForItsDigit() throws Exception {
    MnistSamples.writeOnnx(generated);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(generated.resolve("1/model.onnx").toString())) {
      for (int digit = 0; digit < DigitTemplates.CLASSES; digit++) {
        try (OnnxTensor image = OnnxTensor.createTensor(
                env, FloatBuffer.wrap(DigitTemplates.image(digit)), new long[] {1, 1, 28, 28});
            OrtSession.Result result = session.run(Map.of(MnistSamples.ONNX_INPUT, image))) {
          float[] scores = ((float[][]) result.get(MnistSamples.ONNX_OUTPUT).orElseThrow().getValue())[0];
          int best = IntStream.range(0, scores.length).reduce((a, b) -> scores[b] > scores[a] ? b : a).orElseThrow();
          assertThat(best).as("class of the figure of %d, scores %s", digit, java.util.Arrays.toString(scores))
              .isEqualTo(digit);
        }
      }
    }
  }

  @Test
  void theGpt2StandInsLogitsPeakAtTheNextTokenAndMaskedPositionsScoreZero() throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(Gpt2OnnxSample.model());
        OnnxTensor ids = OnnxTensor.createTensor(env, new int[][] {{1, 2, 3}});
        OnnxTensor mask = OnnxTensor.createTensor(env, new int[][] {{1, 1, 0}});
        OrtSession.Result result = session.run(Map.of(Gpt2OnnxSample.IDS, ids, Gpt2OnnxSample.MASK, mask))) {
      float[][] logits = ((float[][][]) result.get(Gpt2OnnxSample.LOGITS).orElseThrow().getValue())[0];
      assertThat(logits[0]).hasSize((int) Gpt2OnnxSample.VOCABULARY);
      assertThat(argmax(logits[0])).isEqualTo(2);
      assertThat(argmax(logits[1])).isEqualTo(3);
      assertThat(Math.abs(logits[2][100])).as("a masked position").isEqualTo(0f);
    }
  }

  private static int argmax(float[] scores) {
    return IntStream.range(0, scores.length).reduce((a, b) -> scores[b] > scores[a] ? b : a).orElseThrow();
  }

  @Test
  void theTorchScriptArchiveHasTorchJitSavesLayout() throws IOException {
    MnistSamples.writePytorch(generated);
    try (var zip = new java.util.zip.ZipFile(generated.resolve("1/model.pt").toFile())) {
      assertThat(zip.stream().map(java.util.zip.ZipEntry::getName).toList()).containsExactly(
          "archive/data.pkl", "archive/code/__torch__/mnist.py", "archive/constants.pkl",
          "archive/data/0", "archive/data/1", "archive/version", "archive/byteorder");
      assertThat(zip.getEntry("archive/data/0").getSize()).isEqualTo(4L * DigitTemplates.PIXELS * DigitTemplates.CLASSES);
    }
  }

  private static List<Path> relativeFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
    }
  }
}
