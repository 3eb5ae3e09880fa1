package io.trantor.compiler.placement;

import static io.trantor.compiler.testing.RandomScenarios.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.compiler.placement.PlacementDecision.Placed;
import io.trantor.compiler.testing.ClusterViews;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Invariants of placement over random clusters and random sequences of models, each placed on the
 * view the previous placements left (as the control plane would). Each property draws its
 * scenarios from a fixed seed, so a failure reproduces on every machine; the failure message
 * carries the scenario and its seed (see {@link io.trantor.compiler.testing.RandomScenarios}).
 */
class PlacerPropertiesTest {
  private static final int TRIES = 500;

  @Test
  void placementNeverExceedsAReplicasMemoryPlusOvercommit() {
    forAll(7413, TRIES, scenario -> {
      ClusterView view = scenario.cluster();
      for (ModelDemand demand : scenario.demands()) {
        PlacementDecision decision = Placer.place(demand, view);
        view = ClusterViews.apply(view, demand, decision);
        for (ServerView server : view.servers()) {
          for (ReplicaView replica : server.replicas()) {
            long used = replica.modelMemoryBytes().values().stream().mapToLong(Long::longValue).sum();
            long usable = replica.memoryBytes() + replica.memoryBytes() * replica.overcommitPercent() / 100;
            assertThat(used).as("%s replica %d after %s -> %s", server.name(), replica.index(), demand.model(),
                decision).isLessThanOrEqualTo(usable);
          }
        }
      }
    });
  }

  @Test
  void pinIsAlwaysRespectedAndUnpinnedModelsOnlyGoToSharedServers() {
    forAll(7414, TRIES, scenario -> {
      ClusterView cluster = scenario.cluster();
      placeInTurn(cluster, scenario.demands(), (demand, placed) -> {
        if (demand.server() != null) {
          assertThat(placed.server()).as("%s -> %s", demand.model(), placed).isEqualTo(demand.server());
        } else {
          assertThat(server(cluster, placed.server()).shared()).as("%s -> %s on a shared server", demand.model(),
              placed).isTrue();
        }
      });
    });
  }

  @Test
  void neverChoosesADrainingReplicaAndEveryChosenReplicaOffersTheRequirements() {
    forAll(7415, TRIES, scenario -> {
      ClusterView cluster = scenario.cluster();
      placeInTurn(cluster, scenario.demands(), (demand, placed) -> {
        Set<String> required = new HashSet<>();
        demand.requirements().forEach(r -> required.add(r.strip()));
        for (int index : placed.replicaIndexes()) {
          ReplicaView replica = server(cluster, placed.server()).replicas().get(index);
          assertThat(replica.draining()).as("%s -> %s: replica %d draining", demand.model(), placed, index).isFalse();
          assertThat(replica.capabilities()).as("%s -> %s: capabilities of replica %d", demand.model(), placed, index)
              .containsAll(required);
        }
      });
    });
  }

  @Test
  void placesTheDesiredReplicasOrAtLeastMinReplicasWhenPartial() {
    forAll(7416, TRIES, scenario -> placeInTurn(scenario.cluster(), scenario.demands(), (demand, placed) -> {
      List<Integer> chosen = placed.replicaIndexes();
      assertThat(chosen).as("%s -> %s", demand.model(), placed).doesNotHaveDuplicates();
      if (chosen.size() != demand.replicas()) {
        assertThat(demand.minReplicas()).as("%s -> %s: partial needs minReplicas", demand.model(), placed)
            .isPositive();
        assertThat(chosen.size()).as("%s -> %s: replica count", demand.model(), placed)
            .isBetween(demand.minReplicas(), demand.replicas() - 1);
      }
    }));
  }

  @Test
  void placingAgainOnTheViewThatHoldsTheModelKeepsTheSameReplicas() {
    forAll(7417, TRIES, scenario -> {
      ClusterView view = scenario.cluster();
      for (ModelDemand demand : scenario.demands()) {
        PlacementDecision decision = Placer.place(demand, view);
        view = ClusterViews.apply(view, demand, decision);
        if (decision instanceof Placed placed && !placed.replicaIndexes().isEmpty()) {
          ModelDemand again = new ModelDemand(demand.model(), demand.requirements(), demand.memoryBytes(),
              demand.replicas(), demand.minReplicas(), demand.server(), placed.server());
          PlacementDecision second = Placer.place(again, view);
          assertThat(second).as("%s placed again after %s", demand.model(), placed).isInstanceOf(Placed.class);
          assertThat(((Placed) second).server()).as("%s placed again after %s", demand.model(), placed)
              .isEqualTo(placed.server());
          assertThat(((Placed) second).replicaIndexes()).as("%s placed again after %s", demand.model(), placed)
              .containsExactlyInAnyOrderElementsOf(placed.replicaIndexes());
        }
      }
    });
  }

  @Test
  void failuresStartWithSeldonsSentenceAndPlacementIsDeterministic() {
    forAll(7418, TRIES, scenario -> {
      ClusterView view = scenario.cluster();
      for (ModelDemand demand : scenario.demands()) {
        PlacementDecision decision = Placer.place(demand, view);
        if (decision instanceof PlacementDecision.Failed failed) {
          assertThat(failed.reason()).as("%s failed", demand.model())
              .startsWith("Failed to schedule model as no matching server");
        }
        assertThat(Placer.place(demand, view)).as("%s deterministic", demand.model()).isEqualTo(decision);
        view = ClusterViews.apply(view, demand, decision);
      }
    });
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
}
