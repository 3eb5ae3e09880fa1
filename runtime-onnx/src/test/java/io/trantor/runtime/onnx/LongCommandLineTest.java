package io.trantor.runtime.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.onnx.testing.TinyModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX Runtime 1.29 needs about 300 bytes of native stack per command-line character when it
 * creates its environment; a JVM started with a long {@code -cp} (IDEs, some launchers) crashed
 * with SIGSEGV on its first model load. The runtime creates the environment on a deep-stack
 * thread; this test starts a JVM with a 60,000-character argument and loads a model in it.
 */
class LongCommandLineTest {
  @TempDir Path dir;

  @Test
  void loadsAModelInAJvmStartedWithAVeryLongCommandLine() throws Exception {
    TinyModels.addTen(dir);
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child =
        new ProcessBuilder(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-Xss1m",
                "-Dpadding=" + "x".repeat(60_000),
                "-cp",
                System.getProperty("java.class.path"),
                LoadOnce.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    boolean finished = child.waitFor(120, TimeUnit.SECONDS);
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!finished) {
      child.destroyForcibly();
    }

    assertThat(finished).as("child JVM finished").isTrue();
    assertThat(child.exitValue()).as("exit code (139 = SIGSEGV); output:%n%s", output).isZero();
    assertThat(output).contains("OUTPUT=[11.0, 12.0, 13.0, 14.0]");
  }

  /** The child JVM: loads the add10 model from the folder given and prints its answer. */
  public static final class LoadOnce {
    public static void main(String[] args) throws Exception {
      try (LoadedModel model = new OnnxModelRuntime().load(TinyModels.artifact("add10", Path.of(args[0])))) {
        List<Tensor> out =
            model.infer(InferenceRequest.of("add10", List.of(Tensor.ofFloats("INPUT", new long[] {4}, 1, 2, 3, 4))));
        System.out.println("OUTPUT=" + Arrays.toString(out.getFirst().asFloats()));
      }
    }
  }
}
