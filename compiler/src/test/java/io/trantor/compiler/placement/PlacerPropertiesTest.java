package io.trantor.compiler.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.compiler.placement.PlacementDecision.Placed;
import io.trantor.compiler.testing.ClusterViews;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;

/**
 * Invariants of placement over random clusters and random sequences of models, each placed on the
 * view the previous placements left (as the control plane would). The seed is fixed so a failure
 * reproduces on every machine; jqwik prints the shrunk counter-example.
 */
class PlacerPropertiesTest {
  private static final long MI = 1L << 20;
  private static final List<String> SERVER_NAMES = List.of("s0", "s1", "s2", "s3");
  private static final List<String> CAPABILITIES = List.of("a", "b", "c");

  @Property(tries = 400, seed = "7413")
  void placementNeverExceedsAReplicasMemoryPlusOvercommit(
      @ForAll("scenarios") Scenario scenario) {
    ClusterView cluster = scenario.cluster();
    List<ModelDemand> demands = scenario.demands();
    ClusterView view = cluster;
    for (ModelDemand demand : demands) {
      view = ClusterViews.apply(view, demand, Placer.place(demand, view));
      for (ServerView server : view.servers()) {
        for (ReplicaView replica : server.replicas()) {
          long used = replica.modelMemoryBytes().values().stream().mapToLong(Long::longValue).sum();
          long usable = replica.memoryBytes() + replica.memoryBytes() * replica.overcommitPercent() / 100;
          assertThat(used).as("%s replica %d", server.name(), replica.index()).isLessThanOrEqualTo(usable);
        }
      }
    }
  }

  @Property(tries = 400, seed = "7413")
  void pinIsAlwaysRespectedAndUnpinnedModelsOnlyGoToSharedServers(
      @ForAll("scenarios") Scenario scenario) {
    ClusterView cluster = scenario.cluster();
    List<ModelDemand> demands = scenario.demands();
    placeInTurn(cluster, demands, (demand, placed) -> {
      if (demand.server() != null) {
        assertThat(placed.server()).isEqualTo(demand.server());
      } else {
        assertThat(server(cluster, placed.server()).shared()).isTrue();
      }
    });
  }

  @Property(tries = 400, seed = "7413")
  void neverChoosesADrainingReplicaAndEveryChosenReplicaOffersTheRequirements(
      @ForAll("scenarios") Scenario scenario) {
    ClusterView cluster = scenario.cluster();
    List<ModelDemand> demands = scenario.demands();
    placeInTurn(cluster, demands, (demand, placed) -> {
      Set<String> required = new HashSet<>();
      demand.requirements().forEach(r -> required.add(r.strip()));
      for (int index : placed.replicaIndexes()) {
        ReplicaView replica = server(cluster, placed.server()).replicas().get(index);
        assertThat(replica.draining()).isFalse();
        assertThat(replica.capabilities()).containsAll(required);
      }
    });
  }

  @Property(tries = 400, seed = "7413")
  void placesTheDesiredReplicasOrAtLeastMinReplicasWhenPartial(
      @ForAll("scenarios") Scenario scenario) {
    ClusterView cluster = scenario.cluster();
    List<ModelDemand> demands = scenario.demands();
    placeInTurn(cluster, demands, (demand, placed) -> {
      List<Integer> chosen = placed.replicaIndexes();
      assertThat(chosen).doesNotHaveDuplicates();
      if (chosen.size() != demand.replicas()) {
        assertThat(demand.minReplicas()).isPositive();
        assertThat(chosen.size()).isBetween(demand.minReplicas(), demand.replicas() - 1);
      }
    });
  }

  @Property(tries = 400, seed = "7413")
  void placingAgainOnTheViewThatHoldsTheModelKeepsTheSameReplicas(
      @ForAll("scenarios") Scenario scenario) {
    ClusterView cluster = scenario.cluster();
    List<ModelDemand> demands = scenario.demands();
    ClusterView view = cluster;
    for (ModelDemand demand : demands) {
      PlacementDecision decision = Placer.place(demand, view);
      view = ClusterViews.apply(view, demand, decision);
      if (decision instanceof Placed placed && !placed.replicaIndexes().isEmpty()) {
        ModelDemand again = new ModelDemand(demand.model(), demand.requirements(), demand.memoryBytes(),
            demand.replicas(), demand.minReplicas(), demand.server(), placed.server());
        PlacementDecision second = Placer.place(again, view);
        assertThat(second).isInstanceOf(Placed.class);
        assertThat(((Placed) second).server()).isEqualTo(placed.server());
        assertThat(((Placed) second).replicaIndexes()).containsExactlyInAnyOrderElementsOf(placed.replicaIndexes());
      }
    }
  }

  @Property(tries = 200, seed = "7413")
  void failuresStartWithSeldonsSentence(
      @ForAll("scenarios") Scenario scenario) {
    ClusterView cluster = scenario.cluster();
    List<ModelDemand> demands = scenario.demands();
    ClusterView view = cluster;
    for (ModelDemand demand : demands) {
      PlacementDecision decision = Placer.place(demand, view);
      if (decision instanceof PlacementDecision.Failed failed) {
        assertThat(failed.reason()).startsWith("Failed to schedule model as no matching server");
      }
      assertThat(Placer.place(demand, view)).as("deterministic").isEqualTo(decision);
      view = ClusterViews.apply(view, demand, decision);
    }
  }

  /** Places every demand on the view the previous ones left, checking each non-empty placement. */
  private static void placeInTurn(
      ClusterView cluster, List<ModelDemand> demands, BiConsumer<ModelDemand, Placed> check) {
    ClusterView view = cluster;
    for (ModelDemand demand : demands) {
      PlacementDecision decision = Placer.place(demand, view);
      if (decision instanceof Placed placed && !placed.replicaIndexes().isEmpty()) {
        check.accept(demand, placed);
      }
      view = ClusterViews.apply(view, demand, decision);
    }
  }

  private static ServerView server(ClusterView cluster, String name) {
    return cluster.servers().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  /**
   * A cluster and the models placed on it in turn. One parameter, not two: jqwik's shrinker would
   * otherwise try to move elements between the two list-backed parameters.
   */
  record Scenario(ClusterView cluster, List<ModelDemand> demands) {}

  @Provide
  Arbitrary<Scenario> scenarios() {
    return Combinators.combine(clusters(), demands()).as(Scenario::new);
  }

  private static Arbitrary<ClusterView> clusters() {
    Arbitrary<Set<String>> capabilities = Arbitraries.subsetOf(CAPABILITIES);
    // Mostly identical replicas, sometimes one lacking a capability, as a misconfigured server would.
    Arbitrary<ReplicaView> replica = Combinators.combine(
            capabilities,
            Arbitraries.of(0L, 50L, 100L, 200L, 500L).map(mi -> mi * MI),
            Arbitraries.of(0, 0, 10, 50),
            Arbitraries.integers().between(0, 4).map(i -> i == 0))
        .as((caps, memory, overcommit, draining) -> new ReplicaView(0, caps, memory, overcommit, Map.of(), draining));
    Arbitrary<ServerView> server = Combinators.combine(
            Arbitraries.integers().between(0, 4).map(i -> i != 0),
            replica.list().ofMinSize(0).ofMaxSize(4),
            capabilities)
        .as((shared, replicas, serverCapabilities) -> {
          List<ReplicaView> indexed = new ArrayList<>();
          for (int i = 0; i < replicas.size(); i++) {
            ReplicaView r = replicas.get(i);
            // Replica capabilities differ from the server's only one time in five.
            Set<String> caps = i % 5 == 4 ? r.capabilities() : serverCapabilities;
            indexed.add(new ReplicaView(i, caps, r.memoryBytes(), r.overcommitPercent(), Map.of(), r.draining()));
          }
          return new ServerView("", shared, indexed);
        });
    return server.list().ofMinSize(0).ofMaxSize(SERVER_NAMES.size()).map(servers -> {
      List<ServerView> named = new ArrayList<>();
      for (int i = 0; i < servers.size(); i++) {
        named.add(new ServerView(SERVER_NAMES.get(i), servers.get(i).shared(), servers.get(i).replicas()));
      }
      return new ClusterView(named);
    });
  }

  private static Arbitrary<List<ModelDemand>> demands() {
    Arbitrary<List<String>> requirements = Arbitraries.subsetOf(CAPABILITIES)
        .flatMap(set -> Arbitraries.of("", " ").map(pad -> set.stream().map(r -> pad + r + pad).toList()));
    Arbitrary<ModelDemand> demand = Combinators.combine(
            requirements,
            // Uniform: jqwik's default leans to small numbers, which would make memory pressure rare.
            Arbitraries.longs().between(0, 300 * MI).withDistribution(RandomDistribution.uniform()),
            Arbitraries.integers().between(0, 4),
            Arbitraries.integers().between(0, 4),
            Arbitraries.of("s0", "s1", "s2", "s3", "missing").injectNull(0.6),
            Arbitraries.of("s0", "s1", "s2", "s3").injectNull(0.5))
        .as((reqs, memory, replicas, min, pin, current) ->
            new ModelDemand("", reqs, memory, replicas, Math.min(min, replicas), pin, current));
    return demand.list().ofMinSize(1).ofMaxSize(8).map(list -> {
      List<ModelDemand> named = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        ModelDemand d = list.get(i);
        named.add(new ModelDemand("m" + i, d.requirements(), d.memoryBytes(), d.replicas(), d.minReplicas(),
            d.server(), d.currentServer()));
      }
      return named;
    });
  }
}
