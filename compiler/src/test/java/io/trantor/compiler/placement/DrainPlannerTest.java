package io.trantor.compiler.placement;

import static io.trantor.compiler.testing.ClusterViews.bytes;
import static io.trantor.compiler.testing.ClusterViews.cluster;
import static io.trantor.compiler.testing.ClusterViews.server;
import static io.trantor.compiler.testing.RandomScenarios.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.compiler.testing.ClusterViews;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DrainPlannerTest {
  private static final int TRIES = 500;

  @Test
  void movesEveryModelOfTheLeavingReplicaToTheOneThatStays() {
    ClusterView view = cluster(server("mlserver").memory("1Gi").replicas(2)
        .holding(0, "a", "100Mi").holding(1, "b", "100Mi").holding(1, "c", "200Mi"));

    DrainPlan plan = DrainPlanner.plan(view, "mlserver", Set.of(1));

    assertThat(plan.stays()).isEmpty();
    assertThat(plan.moves()).containsExactly(
        new DrainPlan.Move("c", bytes("200Mi"), 1, 0), new DrainPlan.Move("b", bytes("100Mi"), 1, 0));
  }

  @Test
  void aModelThatFitsNowhereStaysWithAReasonNamingServerAndMemory() {
    ClusterView view = cluster(server("mlserver").memory("300Mi").replicas(2)
        .holding(0, "a", "250Mi").holding(1, "big", "200Mi").holding(1, "small", "50Mi"));

    DrainPlan plan = DrainPlanner.plan(view, "mlserver", Set.of(1));

    assertThat(plan.moves()).containsExactly(new DrainPlan.Move("small", bytes("50Mi"), 1, 0));
    assertThat(plan.stays()).singleElement().satisfies(stay -> {
      assertThat(stay.model()).isEqualTo("big");
      assertThat(stay.reason()).isEqualTo(
          "no replica of server mlserver can take model big (needs 200Mi): replica 0 has 50Mi free, replica 1 is leaving");
    });
  }

  @Test
  void prefersTheReplicaWithTheMostFreeMemoryAndSkipsDrainingOnesAndThoseHoldingTheModel() {
    ClusterView view = cluster(server("s").memory("1Gi").replicas(4).draining(3)
        .holding(0, "m", "100Mi").holding(1, "x", "300Mi").holding(2, "m", "100Mi"));

    DrainPlan plan = DrainPlanner.plan(view, "s", Set.of(0));

    assertThat(plan.moves()).containsExactly(new DrainPlan.Move("m", bytes("100Mi"), 0, 1));
  }

  @Test
  void noReplicaLeftMeansEveryModelStays() {
    ClusterView view = cluster(server("s").replicas(1).holding(0, "m", "10Mi"));

    DrainPlan plan = DrainPlanner.plan(view, "s", Set.of(0));

    assertThat(plan.moves()).isEmpty();
    assertThat(plan.stays()).singleElement().extracting(DrainPlan.Stay::reason)
        .isEqualTo("no replica of server s can take model m (needs 10Mi): replica 0 is leaving");
  }

  @Test
  void anUnknownServerHasNothingToMove() {
    assertThat(DrainPlanner.plan(cluster(server("s")), "other", Set.of(0))).isEqualTo(new DrainPlan(List.of(), List.of()));
  }

  // ---- generated scenarios: models placed by Placer, then a random subset of one server leaves ----

  @Test
  void everyModelOfALeavingReplicaIsMovedOrStaysExactlyOnce() {
    forAll(9101, TRIES, scenario -> {
      Drain drain = drain(scenario, new Random(scenario.hashCode()));
      DrainPlan plan = DrainPlanner.plan(drain.view(), drain.server(), drain.leaving());
      List<String> planned = new java.util.ArrayList<>();
      plan.moves().forEach(m -> planned.add(m.model() + "@" + m.from()));
      plan.stays().forEach(s -> planned.add(s.model() + "@" + s.from()));
      List<String> held = new java.util.ArrayList<>();
      replicasOf(drain).stream().filter(r -> drain.leaving().contains(r.index()))
          .forEach(r -> r.modelMemoryBytes().keySet().forEach(m -> held.add(m + "@" + r.index())));
      assertThat(planned).containsExactlyInAnyOrderElementsOf(held);
    });
  }

  @Test
  void movesGoOnlyToRemainingReplicasWithRoomThatDoNotHoldTheModel() {
    forAll(9102, TRIES, scenario -> {
      Drain drain = drain(scenario, new Random(scenario.hashCode()));
      DrainPlan plan = DrainPlanner.plan(drain.view(), drain.server(), drain.leaving());
      Map<Integer, Long> used = new HashMap<>();
      Map<Integer, Set<String>> holds = new HashMap<>();
      for (ReplicaView r : replicasOf(drain)) {
        used.put(r.index(), r.modelMemoryBytes().values().stream().mapToLong(Long::longValue).sum());
        holds.put(r.index(), new HashSet<>(r.modelMemoryBytes().keySet()));
      }
      for (DrainPlan.Move move : plan.moves()) {
        ReplicaView target = replicasOf(drain).get(move.to());
        assertThat(drain.leaving()).as("%s", move).doesNotContain(move.to());
        assertThat(target.draining()).as("%s to a draining replica", move).isFalse();
        assertThat(holds.get(move.to()).add(move.model())).as("%s to a replica holding it", move).isTrue();
        long now = used.merge(move.to(), move.memoryBytes(), Long::sum);
        assertThat(now).as("%s within memory + overcommit", move)
            .isLessThanOrEqualTo(target.memoryBytes() + target.memoryBytes() * target.overcommitPercent() / 100);
      }
    });
  }

  @Test
  void aModelStaysOnlyWhenNoRemainingReplicaCouldTakeItAndItsReasonSaysWhere() {
    forAll(9103, TRIES, scenario -> {
      Drain drain = drain(scenario, new Random(scenario.hashCode()));
      DrainPlan plan = DrainPlanner.plan(drain.view(), drain.server(), drain.leaving());
      Map<Integer, Long> free = new HashMap<>();
      replicasOf(drain).forEach(r -> free.put(r.index(), r.freeMemoryBytes()));
      plan.moves().forEach(m -> free.merge(m.to(), -m.memoryBytes(), Long::sum));
      for (DrainPlan.Stay stay : plan.stays()) {
        assertThat(stay.reason()).contains("server " + drain.server()).contains("needs ");
        for (ReplicaView r : replicasOf(drain)) {
          boolean couldTake = !drain.leaving().contains(r.index()) && !r.draining()
              && !r.holds(stay.model()) && free.get(r.index()) >= stay.memoryBytes()
              && plan.moves().stream().noneMatch(m -> m.to() == r.index() && m.model().equals(stay.model()));
          assertThat(couldTake).as("%s could have gone to replica %d", stay, r.index()).isFalse();
        }
      }
    });
  }

  @Test
  void theSameViewGivesTheSamePlan() {
    forAll(9104, TRIES, scenario -> {
      Drain drain = drain(scenario, new Random(scenario.hashCode()));
      assertThat(DrainPlanner.plan(drain.view(), drain.server(), drain.leaving()))
          .isEqualTo(DrainPlanner.plan(drain.view(), drain.server(), drain.leaving()));
    });
  }

  private record Drain(ClusterView view, String server, Set<Integer> leaving) {}

  /** The scenario's demands placed in turn, then one server (with replicas) loses a random subset of them. */
  private static Drain drain(io.trantor.compiler.testing.RandomScenarios.Scenario scenario, Random random) {
    ClusterView view = scenario.cluster();
    for (ModelDemand demand : scenario.demands()) {
      view = ClusterViews.apply(view, demand, Placer.place(demand, view));
    }
    List<ServerView> withReplicas = view.servers().stream().filter(s -> !s.replicas().isEmpty()).toList();
    if (withReplicas.isEmpty()) {
      return new Drain(view, "s0", Set.of(0));
    }
    ServerView server = withReplicas.get(random.nextInt(withReplicas.size()));
    Set<Integer> leaving = new HashSet<>();
    for (ReplicaView r : server.replicas()) {
      if (random.nextInt(3) == 0) {
        leaving.add(r.index());
      }
    }
    if (leaving.isEmpty()) {
      leaving.add(server.replicas().getLast().index());
    }
    return new Drain(view, server.name(), leaving);
  }

  private static List<ReplicaView> replicasOf(Drain drain) {
    return drain.view().servers().stream().filter(s -> s.name().equals(drain.server()))
        .findFirst().map(ServerView::replicas).orElse(List.of());
  }
}
