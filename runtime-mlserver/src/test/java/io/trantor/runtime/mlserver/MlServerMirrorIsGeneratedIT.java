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
      if (!Files.isRegularFile(committed) || !Arrays.equals(Files.readAllBytes(committed), file.getValue())) {
        differing.add(file.getKey());
      }
    }
    assertThat(differing)
        .as("samples/seldon-mirror files that differ from the generator's output; run "
            + ".venv/bin/python samples/mirror-generator/mlserver/generate.py and commit the result")
        .isEmpty();
  }

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
