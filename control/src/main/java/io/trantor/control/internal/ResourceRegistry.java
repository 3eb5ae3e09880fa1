package io.trantor.control.internal;

import io.trantor.dsl.Kind;
import io.trantor.dsl.Resource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every applied resource, in memory. The Temporal test server has no visibility API, so this is how
 * the control plane lists models; at start it is rebuilt from the spec store.
 */
public final class ResourceRegistry {

  private final Map<ResourceKey, Applied> resources = new ConcurrentHashMap<>();

  public Optional<Applied> get(ResourceKey key) {
    return Optional.ofNullable(resources.get(key));
  }

  public void put(Applied applied) {
    resources.put(ResourceKey.of(applied.resource()), applied);
  }

  public Optional<Applied> remove(ResourceKey key) {
    return Optional.ofNullable(resources.remove(key));
  }

  /** Applied resources of one kind, in one namespace ({@code null}: every namespace), by name. */
  public List<Applied> list(Kind kind, String namespace) {
    return resources.values().stream()
        .filter(a -> a.resource().kind() == kind)
        .filter(a -> namespace == null || a.resource().namespace().equals(namespace))
        .sorted(Comparator.comparing((Applied a) -> a.resource().namespace()).thenComparing(a -> a.resource().name()))
        .toList();
  }

  /** Names of the models applied in a namespace. */
  public List<String> modelNames(String namespace) {
    return list(Kind.MODEL, namespace).stream().map(a -> a.resource().name()).toList();
  }

  public List<Resource> all() {
    return resources.values().stream().map(Applied::resource).toList();
  }
}
