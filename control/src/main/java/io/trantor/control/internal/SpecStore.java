package io.trantor.control.internal;

import static java.util.Objects.requireNonNull;

import io.trantor.dsl.Manifests;
import io.trantor.dsl.ReadResult;
import io.trantor.dsl.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applied resources as JSON files, {@code <dataDir>/specs/<namespace>/<Kind>/<name>.json}, written
 * atomically, so that a control plane on the non-durable embedded Temporal can re-apply them at
 * start.
 */
public final class SpecStore {
  private static final Logger log = LoggerFactory.getLogger(SpecStore.class);

  private final Path root;

  public SpecStore(Path dataDir) {
    this.root = requireNonNull(dataDir, "dataDir").resolve("specs");
  }

  public void save(Resource resource) {
    Path file = fileOf(ResourceKey.of(resource));
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), "." + resource.name(), ".tmp");
      try {
        Files.writeString(tmp, Manifests.toJson(resource), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save " + file, e);
    }
  }

  /** Whether a resource is still stored (a delete during the restore removes it first). */
  public boolean contains(ResourceKey key) {
    return Files.isRegularFile(fileOf(key));
  }

  /** The stored spec of a resource, if there is one that reads. */
  public Optional<Resource> find(ResourceKey key) {
    Path file = fileOf(key);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      ReadResult read = Manifests.read(file);
      return read.ok() ? read.resources().stream().findFirst() : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public void delete(ResourceKey key) {
    try {
      Files.deleteIfExists(fileOf(key));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + fileOf(key), e);
    }
  }

  /**
   * Every stored resource, ServerConfigs first, then Servers, then the rest (the order they must be
   * applied in). A file that no longer reads is reported in the log and left in place.
   */
  public List<Resource> loadAll() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<Resource> resources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        ReadResult read = Manifests.read(file);
        if (!read.ok()) {
          log.warn("Stored spec {} is not applied again: {}", file, read.describeProblems());
        }
        resources.addAll(read.resources());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the spec store " + root, e);
    }
    resources.sort(Comparator.comparingInt(SpecStore::applyOrder));
    return resources;
  }

  private static int applyOrder(Resource resource) {
    return switch (resource.kind()) {
      case SERVER_CONFIG -> 0;
      case SERVER -> 1;
      case MODEL -> 2;
      case PIPELINE, EXPERIMENT -> 3;
    };
  }

  private Path fileOf(ResourceKey key) {
    return root.resolve(key.namespace()).resolve(key.kind().value()).resolve(key.name() + ".json");
  }
}
