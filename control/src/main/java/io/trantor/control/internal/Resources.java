package io.trantor.control.internal;

import io.trantor.dsl.Experiment;
import io.trantor.dsl.Metadata;
import io.trantor.dsl.Model;
import io.trantor.dsl.Pipeline;
import io.trantor.dsl.Resource;
import io.trantor.dsl.Server;
import io.trantor.dsl.ServerConfig;

/** Copies of resources with another {@code metadata.generation}. */
final class Resources {
  private Resources() {}

  static Resource withGeneration(Resource resource, Long generation) {
    Metadata m = resource.metadata();
    Metadata metadata = new Metadata(m.name(), m.namespace(), m.labels(), m.annotations(), generation);
    return switch (resource) {
      case Model r -> new Model(metadata, r.spec());
      case Server r -> new Server(metadata, r.spec());
      case ServerConfig r -> new ServerConfig(metadata, r.spec());
      case Pipeline r -> new Pipeline(metadata, r.spec());
      case Experiment r -> new Experiment(metadata, r.spec());
    };
  }

  /** Same spec and metadata, whatever the generations say. */
  static boolean sameSpec(Resource a, Resource b) {
    return withGeneration(a, null).equals(withGeneration(b, null));
  }
}
