package io.trantor.runtime.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtimes on the classpath, found with {@link java.util.ServiceLoader}, and the choice of one
 * for an artifact. Closing it closes every runtime.
 */
public final class RuntimeRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RuntimeRegistry.class);

  private final List<ModelRuntime> runtimes;

  public RuntimeRegistry(List<ModelRuntime> runtimes) {
    this.runtimes = List.copyOf(runtimes);
  }

  /** Every {@link ModelRuntime} registered through {@code META-INF/services}. */
  public static RuntimeRegistry discover() {
    List<ModelRuntime> found = new ArrayList<>();
    ServiceLoader.load(ModelRuntime.class, RuntimeRegistry.class.getClassLoader()).forEach(found::add);
    LOG.info("Runtimes found: {}", found.stream().map(ModelRuntime::name).toList());
    return new RuntimeRegistry(found);
  }

  public List<ModelRuntime> runtimes() {
    return runtimes;
  }

  /** Union of the runtimes' capability tags. */
  public Set<String> capabilities() {
    Set<String> tags = new LinkedHashSet<>();
    runtimes.forEach(r -> tags.addAll(r.capabilities()));
    return Set.copyOf(tags);
  }

  /**
   * The runtime that claims the artifact most strongly.
   *
   * @throws ModelLoadException when none claims it (the message lists the runtimes present and
   *     what they look for) or two claim it equally
   */
  public ModelRuntime choose(ModelArtifact artifact) throws ModelLoadException {
    ArtifactMatch best = ArtifactMatch.NONE;
    List<ModelRuntime> strongest = new ArrayList<>();
    for (ModelRuntime runtime : runtimes) {
      ArtifactMatch match = runtime.match(artifact);
      int order = match.compareTo(best);
      if (order > 0) {
        best = match;
        strongest.clear();
      }
      if (order >= 0 && match != ArtifactMatch.NONE) {
        strongest.add(runtime);
      }
    }
    String model = "model '" + artifact.name() + "' version " + artifact.version();
    if (strongest.isEmpty()) {
      throw new ModelLoadException(
          "no runtime can load " + model + " from " + artifact.directory() + "; runtimes present: "
              + (runtimes.isEmpty() ? "none" : describe(runtimes))
              + ". Name one in model-settings.json 'implementation' or config.pbtxt 'platform'/'backend',"
              + " or add a file the runtime recognises");
    }
    if (strongest.size() > 1) {
      throw new ModelLoadException(
          "runtimes " + strongest.stream().map(r -> "'" + r.name() + "'").collect(Collectors.joining(" and "))
              + " claim " + model + " equally (" + best + "); name the one to use in model-settings.json"
              + " 'implementation' or config.pbtxt 'platform'/'backend'");
    }
    return strongest.getFirst();
  }

  @Override
  public void close() {
    for (ModelRuntime runtime : runtimes.reversed()) {
      try {
        runtime.close();
      } catch (Exception e) {
        // Keep closing the others: one runtime failing to free its resources must not leak the rest.
        LOG.warn("Runtime {} failed to close", runtime.name(), e);
      }
    }
  }

  private static String describe(List<ModelRuntime> runtimes) {
    return runtimes.stream()
        .map(r -> r.name() + " " + r.capabilities().stream().sorted().toList())
        .collect(Collectors.joining(", "));
  }
}
