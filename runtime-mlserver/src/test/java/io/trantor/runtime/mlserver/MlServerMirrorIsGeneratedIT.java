package io.trantor.runtime.mlserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed MLServer artifacts under samples/seldon-mirror are exactly what
 * samples/mirror-generator/mlserver/generate.py writes with the pinned libraries; regenerate and
 * commit together.
 */
class MlServerMirrorIsGeneratedIT {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Path GENERATOR = ROOT.resolve("samples/mirror-generator/mlserver/generate.py");
  private static final Path MIRROR = ROOT.resolve("samples/seldon-mirror");

  @Test
  void committedArtifactsEqualTheGeneratorsOutput(@TempDir Path out) throws Exception {
    Path mlserver = MlServerExecutable.find(System.getenv())
        .or(() -> Files.isExecutable(ROOT.resolve(".venv/bin/mlserver"))
            ? Optional.of(ROOT.resolve(".venv/bin/mlserver")) : Optional.empty())
        .orElseThrow(() -> new AssertionError(MlServerExecutable.missingMessage()));
    List<String> command = new ArrayList<>(MlServerExecutable.interpreter(mlserver));
    command.add(GENERATOR.toString());
    command.add(out.toString());
    Process generator = new ProcessBuilder(command).redirectErrorStream(true).start();
    String log = new String(generator.getInputStream().readAllBytes());
    assertThat(generator.waitFor(300, TimeUnit.SECONDS)).as("generator finished").isTrue();
    assertThat(generator.exitValue()).as(log).isZero();

    TreeMap<String, byte[]> generated = files(out);
    assertThat(generated).as("generator wrote nothing").isNotEmpty();
    List<String> differing = new ArrayList<>();
    for (var file : generated.entrySet()) {
      Path committed = MIRROR.resolve(file.getKey());
      if (!Files.isRegularFile(committed)) {
        differing.add(file.getKey());
      } else if (!Arrays.equals(Files.readAllBytes(committed), file.getValue())
          && !(file.getKey().endsWith(".joblib") && sameModel(command.getFirst(), committed, out.resolve(file.getKey())))) {
        differing.add(file.getKey());
      }
    }
    assertThat(differing)
        .as("samples/seldon-mirror files that differ from the generator's output; run "
            + ".venv/bin/python samples/mirror-generator/mlserver/generate.py and commit the result")
        .isEmpty();
  }

  /**
   * Fitted scikit-learn models differ in their last bits between CPU kinds (BLAS/SIMD kernels), so
   * joblib files are compared as models: same types and parameters, arrays equal within 1e-9.
   */
  private static boolean sameModel(String python, Path committed, Path generated) throws Exception {
    Process compare = new ProcessBuilder(python, SAME_MODEL.toString(), committed.toString(), generated.toString())
        .redirectErrorStream(true).start();
    String output = new String(compare.getInputStream().readAllBytes());
    assertThat(compare.waitFor(120, TimeUnit.SECONDS)).as("same_model.py finished").isTrue();
    if (compare.exitValue() != 0) {
      System.err.println(committed + ": " + output.strip());
    }
    return compare.exitValue() == 0;
  }

  private static final Path SAME_MODEL = ROOT.resolve("samples/mirror-generator/mlserver/same_model.py");

  private static TreeMap<String, byte[]> files(Path root) throws IOException {
    TreeMap<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }
}
