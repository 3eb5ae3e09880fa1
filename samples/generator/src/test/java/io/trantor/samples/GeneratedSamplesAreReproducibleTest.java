package io.trantor.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed sample repository is exactly what the generator writes: regenerate each sample into
 * a temporary folder and compare every file byte for byte with {@code samples/models}. When this
 * fails, rerun the generator (samples/README.md) and commit the result.
 */
class GeneratedSamplesAreReproducibleTest {
  /** The committed repository, relative to this module's folder (where surefire runs). */
  private static final Path COMMITTED = Path.of("../../samples/models");

  @TempDir Path generated;

  static Stream<String> samples() {
    return SampleGenerator.SAMPLES.stream().map(SampleGenerator.Sample::name);
  }

  @ParameterizedTest
  @MethodSource("samples")
  void committedFilesMatchAFreshRun(String name) throws IOException {
    SampleGenerator.Sample sample =
        SampleGenerator.SAMPLES.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    SampleGenerator.write(sample, generated);
    Path fresh = generated.resolve(name);
    Path committed = COMMITTED.resolve(name);

    assertThat(relativeFiles(committed)).as("files of %s", committed).isEqualTo(relativeFiles(fresh));
    for (Path file : relativeFiles(fresh)) {
      assertThat(Files.readAllBytes(committed.resolve(file)))
          .as("%s differs from a fresh run; regenerate the samples (samples/README.md)", committed.resolve(file))
          .isEqualTo(Files.readAllBytes(fresh.resolve(file)));
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
