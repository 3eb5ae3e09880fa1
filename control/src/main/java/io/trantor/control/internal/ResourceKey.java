package io.trantor.control.internal;

import io.trantor.dsl.Kind;
import io.trantor.dsl.Resource;

/** Names one applied resource. */
public record ResourceKey(String namespace, Kind kind, String name) {

  public static ResourceKey of(Resource resource) {
    return new ResourceKey(resource.namespace(), resource.kind(), resource.name());
  }
}
