package io.trantor.runtime.python;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.runtime.python.internal.PythonCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed Python-backend models under samples/seldon-mirror are exactly what
 * samples/mirror-generator/triton-python/generate.py writes; regenerate and commit together.
 */
class MirrorIsGeneratedTest {
  private static final Path GENERATOR = Path.of("../samples/mirror-generator/triton-python/generate.py");
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @Test
  void committedFilesEqualTheGeneratorsOutput(@TempDir Path out) throws Exception {
    Process generator = new ProcessBuilder(PythonCommand.find(System.getenv()).executable().toString(), GENERATOR.toString(), out.toString())
        .redirectErrorStream(true)
        .start();
    String log = new String(generator.getInputStream().readAllBytes());
    assertThat(generator.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("generator finished").isTrue();
    assertThat(generator.exitValue()).as(log).isZero();

    TreeMap<String, String> generated = files(out);
    assertThat(generated).as("generator wrote nothing").isNotEmpty();
    List<String> differing = new ArrayList<>();
    for (var file : generated.entrySet()) {
      Path committed = PythonModels.MIRROR.resolve(file.getKey());
      if (!Files.isRegularFile(committed) || !Files.readString(committed).equals(file.getValue())) {
        differing.add(file.getKey());
      }
    }
    // No stray files (a __pycache__, a renamed model) inside the folders the generator owns.
    for (String config : generated.keySet().stream().filter(k -> k.endsWith("config.pbtxt")).toList()) {
      Path modelFolder = Path.of(config).getParent();
      for (String committed : files(PythonModels.MIRROR.resolve(modelFolder)).keySet()) {
        String key = modelFolder.resolve(committed).toString();
        if (!generated.containsKey(key)) {
          differing.add(key + " (not generated)");
        }
      }
    }
    assertThat(differing)
        .as("samples/seldon-mirror files that differ from the generator's output; run "
            + "python3 samples/mirror-generator/triton-python/generate.py and commit the result")
        .isEmpty();
  }

  private static TreeMap<String, String> files(Path root) throws IOException {
    TreeMap<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), Files.readString(p));
      }
    }
    return files;
  }
}
