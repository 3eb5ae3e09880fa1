package io.trantor.compiler.testing;

import io.trantor.compiler.placement.ModelDemand;
import java.util.List;

/**
 * Builder of {@link ModelDemand}s for placement tests: one replica of 100Mi, no requirements, no
 * pin, no current server until told otherwise, e.g. {@code Demands.model("iris").replicas(2).build()}.
 */
public final class Demands {
  private final String model;
  private List<String> requirements = List.of();
  private long memoryBytes = ClusterViews.bytes("100Mi");
  private int replicas = 1;
  private int minReplicas;
  private String server;
  private String currentServer;

  private Demands(String model) {
    this.model = model;
  }

  public static Demands model(String name) {
    return new Demands(name);
  }

  public Demands requirements(String... requirements) {
    this.requirements = List.of(requirements);
    return this;
  }

  public Demands memory(String quantity) {
    this.memoryBytes = ClusterViews.bytes(quantity);
    return this;
  }

  /** Memory of one model replica in bytes, for generated demands that need any size. */
  public Demands memoryBytes(long memoryBytes) {
    this.memoryBytes = memoryBytes;
    return this;
  }

  public Demands replicas(int replicas) {
    this.replicas = replicas;
    return this;
  }

  public Demands minReplicas(int minReplicas) {
    this.minReplicas = minReplicas;
    return this;
  }

  public Demands pinnedTo(String server) {
    this.server = server;
    return this;
  }

  public Demands currentlyOn(String server) {
    this.currentServer = server;
    return this;
  }

  public ModelDemand build() {
    return new ModelDemand(model, requirements, memoryBytes, replicas, minReplicas, server, currentServer);
  }
}
