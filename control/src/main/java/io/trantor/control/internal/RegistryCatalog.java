package io.trantor.control.internal;

import static java.util.Objects.requireNonNull;

import io.trantor.activities.ResourceCatalog;
import io.trantor.dsl.Kind;

/** The applied resources of the {@link ResourceRegistry} as the models and pipelines experiments may name. */
public final class RegistryCatalog implements ResourceCatalog {
  private final ResourceRegistry registry;

  public RegistryCatalog(ResourceRegistry registry) {
    this.registry = requireNonNull(registry, "registry");
  }

  @Override
  public boolean isModel(String namespace, String name) {
    return registry.get(new ResourceKey(namespace, Kind.MODEL, name)).isPresent();
  }

  @Override
  public boolean isPipeline(String namespace, String name) {
    return registry.get(new ResourceKey(namespace, Kind.PIPELINE, name)).isPresent();
  }
}
