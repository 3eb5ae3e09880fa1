package io.trantor.compiler.testing;

import io.trantor.compiler.placement.ClusterView;
import io.trantor.compiler.placement.ModelDemand;
import io.trantor.compiler.placement.PlacementDecision;
import io.trantor.compiler.placement.ReplicaView;
import io.trantor.compiler.placement.ServerView;
import io.trantor.dsl.Quantity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builders of cluster views for placement tests, so a test states only what it is about:
 * {@code ClusterViews.cluster(server("mlserver").capabilities("sklearn").memory("1Gi").replicas(2).draining(1))},
 * and {@link #apply} to update a view with a decision, as the control plane would after loading.
 */
public final class ClusterViews {

  private ClusterViews() {}

  public static ClusterView cluster(ServerBuilder... servers) {
    return new ClusterView(Arrays.stream(servers).map(ServerBuilder::build).toList());
  }

  /** A shared server with one replica of 1Gi, no overcommit and no capabilities until told otherwise. */
  public static ServerBuilder server(String name) {
    return new ServerBuilder(name);
  }

  /** Bytes of a Kubernetes quantity such as {@code 100Mi}. */
  public static long bytes(String quantity) {
    return Quantity.parse(quantity).bytes();
  }

  /**
   * The view after {@code decision} is carried out: the model takes {@code demand.memoryBytes()} on
   * every chosen replica and leaves every other replica. A failure changes nothing.
   */
  public static ClusterView apply(ClusterView view, ModelDemand demand, PlacementDecision decision) {
    if (!(decision instanceof PlacementDecision.Placed placed)) {
      return view;
    }
    List<ServerView> servers = new ArrayList<>();
    for (ServerView server : view.servers()) {
      List<ReplicaView> replicas = new ArrayList<>();
      for (ReplicaView replica : server.replicas()) {
        Map<String, Long> models = new HashMap<>(replica.modelMemoryBytes());
        models.remove(demand.model());
        if (server.name().equals(placed.server()) && placed.replicaIndexes().contains(replica.index())) {
          models.put(demand.model(), demand.memoryBytes());
        }
        replicas.add(new ReplicaView(replica.index(), replica.capabilities(), replica.memoryBytes(),
            replica.overcommitPercent(), models, replica.draining()));
      }
      servers.add(new ServerView(server.name(), server.shared(), replicas));
    }
    return new ClusterView(servers);
  }

  /** One server; replica-level settings ({@link #draining}, {@link #holding}) apply after {@link #replicas}. */
  public static final class ServerBuilder {
    private final String name;
    private boolean shared = true;
    private Set<String> capabilities = Set.of();
    private long memoryBytes = bytes("1Gi");
    private int overcommitPercent;
    private int replicas = 1;
    private final Set<Integer> draining = new HashSet<>();
    private final Map<Integer, Map<String, Long>> held = new HashMap<>();
    private final Map<Integer, Set<String>> replicaCapabilities = new HashMap<>();

    private ServerBuilder(String name) {
      this.name = name;
    }

    public ServerBuilder notShared() {
      this.shared = false;
      return this;
    }

    public ServerBuilder capabilities(String... capabilities) {
      this.capabilities = new LinkedHashSet<>(List.of(capabilities));
      return this;
    }

    /** Overrides the capabilities of one replica, for servers whose replicas differ. */
    public ServerBuilder replicaCapabilities(int index, String... capabilities) {
      replicaCapabilities.put(index, new LinkedHashSet<>(List.of(capabilities)));
      return this;
    }

    /** Memory of each replica, e.g. {@code "1Gi"}. */
    public ServerBuilder memory(String quantity) {
      this.memoryBytes = bytes(quantity);
      return this;
    }

    public ServerBuilder overcommit(int percent) {
      this.overcommitPercent = percent;
      return this;
    }

    public ServerBuilder replicas(int replicas) {
      this.replicas = replicas;
      return this;
    }

    public ServerBuilder draining(int... indexes) {
      Arrays.stream(indexes).forEach(draining::add);
      return this;
    }

    /** Replica {@code index} already holds {@code model}, taking {@code memory}. */
    public ServerBuilder holding(int index, String model, String memory) {
      held.computeIfAbsent(index, i -> new HashMap<>()).put(model, bytes(memory));
      return this;
    }

    public ServerView build() {
      List<ReplicaView> views = new ArrayList<>();
      for (int i = 0; i < replicas; i++) {
        views.add(new ReplicaView(i, replicaCapabilities.getOrDefault(i, capabilities), memoryBytes,
            overcommitPercent, held.getOrDefault(i, Map.of()), draining.contains(i)));
      }
      return new ServerView(name, shared, views);
    }
  }
}
