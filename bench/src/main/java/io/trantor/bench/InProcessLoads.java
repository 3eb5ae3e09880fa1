package io.trantor.bench;

import io.trantor.agent.ModelRegistry;
import io.trantor.agent.repository.FileSystemModelRepository;
import io.trantor.runtime.api.RuntimeRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The baselines of the control-plane benchmarks: the same iris folder loaded in this JVM through
 * {@link ModelRegistry} (no control plane, no Temporal, no agent, no network).
 */
final class InProcessLoads {
  private InProcessLoads() {}

  /** {@code count} timed loads of one model folder, each followed by an (untimed) unload. */
  static Samples loadUnload(Path modelFolder, int count) {
    Path root = modelFolder.getParent();
    String name = modelFolder.getFileName().toString();
    List<Long> nanos = new ArrayList<>();
    try (RuntimeRegistry runtimes = RuntimeRegistry.discover();
        ModelRegistry registry = new ModelRegistry(new FileSystemModelRepository(root), runtimes)) {
      for (int i = 0; i < count; i++) {
        long t0 = System.nanoTime();
        registry.load(name);
        nanos.add(System.nanoTime() - t0);
        registry.unload(name);
      }
    }
    return Samples.of(nanos);
  }

  /**
   * Copies the folder {@code count} times under distinct names and loads every copy on one thread,
   * all kept loaded (as the replicas keep them); returns the per-load times.
   */
  static Samples loadCopies(Path modelFolder, int count) throws IOException {
    Path root = Files.createTempDirectory("trantor-bench-copies");
    try {
      List<String> names = new ArrayList<>();
      String settings = Files.readString(modelFolder.resolve("model-settings.json"), StandardCharsets.UTF_8);
      String originalName = "\"" + modelFolder.getFileName() + "\"";
      for (int i = 0; i < count; i++) {
        String name = String.format("copy-%04d", i);
        Path copy = Files.createDirectory(root.resolve(name));
        Files.copy(modelFolder.resolve("model.onnx"), copy.resolve("model.onnx"));
        Files.writeString(copy.resolve("model-settings.json"), settings.replace(originalName, "\"" + name + "\""));
        names.add(name);
      }
      List<Long> nanos = new ArrayList<>();
      try (RuntimeRegistry runtimes = RuntimeRegistry.discover();
          ModelRegistry registry = new ModelRegistry(new FileSystemModelRepository(root), runtimes)) {
        for (String name : names) {
          long t0 = System.nanoTime();
          registry.load(name);
          nanos.add(System.nanoTime() - t0);
        }
      }
      return Samples.of(nanos);
    } finally {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
