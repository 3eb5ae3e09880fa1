package io.trantor.samples.conditional;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.agent.ModelRegistry;
import io.trantor.agent.repository.FileSystemModelRepository;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InferenceResponse;
import io.trantor.protocol.Tensor;
import io.trantor.runtime.api.RuntimeRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConditionalSampleTest {
  @TempDir Path root;

  private static InferenceRequest request(int choice) {
    return InferenceRequest.of("conditional", List.of(
        Tensor.ofInts("CHOICE", new long[] {1}, choice),
        Tensor.ofFloats("INPUT0", new long[] {4}, 1, 2, 3, 4),
        Tensor.ofFloats("INPUT1", new long[] {4}, 5, 6, 7, 8)));
  }

  @Test
  void writesTheSameBytesEveryTime() throws IOException {
    ConditionalSample.write(root.resolve("a"));
    ConditionalSample.write(root.resolve("b"));

    for (String file : List.of("conditional.jar", "model-settings.json")) {
      assertThat(Files.readAllBytes(root.resolve("a").resolve(file)))
          .as(file).isEqualTo(Files.readAllBytes(root.resolve("b").resolve(file)));
    }
  }

  @Test
  void packsOnlyTheManifestAndTheModelClass() throws IOException {
    ConditionalSample.write(root.resolve("conditional"));

    try (JarFile jar = new JarFile(root.resolve("conditional/conditional.jar").toFile())) {
      assertThat(Collections.list(jar.entries())).extracting(ZipEntry::getName).containsExactly(
          "META-INF/MANIFEST.MF", "io/trantor/samples/conditional/ConditionalModel.class");
    }
  }

  @Test
  void emitsOnlyTheOutputTheChoiceSelects() throws IOException {
    ConditionalSample.write(root.resolve("conditional"));

    try (RuntimeRegistry runtimes = RuntimeRegistry.discover();
        ModelRegistry registry = new ModelRegistry(new FileSystemModelRepository(root), runtimes)) {
      registry.load("conditional");

      InferenceResponse zero = registry.infer(request(0));
      assertThat(zero.outputs()).extracting(Tensor::name).containsExactly("OUTPUT0");
      assertThat(zero.output("OUTPUT0").asFloats()).containsExactly(1, 2, 3, 4);
      InferenceResponse one = registry.infer(request(1));
      assertThat(one.outputs()).extracting(Tensor::name).containsExactly("OUTPUT1");
      assertThat(one.output("OUTPUT1").asFloats()).containsExactly(5, 6, 7, 8);
      assertThat(registry.metadata("conditional", null).platform()).isEqualTo("java");
    }
  }
}
