package io.trantor.control.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.activities.PlacementActivitiesImpl;
import io.trantor.activities.ReplicaKey;
import io.trantor.compiler.placement.ClusterView;
import io.trantor.compiler.placement.ModelDemand;
import io.trantor.compiler.placement.PlacementDecision;
import io.trantor.compiler.placement.ReplicaView;
import io.trantor.compiler.placement.ServerView;
import io.trantor.workflows.activity.PlacementOutcome;
import io.trantor.workflows.activity.PlacementRequest;
import io.trantor.workflows.activity.ReleaseRequest;
import io.trantor.workflows.activity.ReplicaTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PlacementActivitiesImplTest {

  /** First replicas with room, on the first server that has enough: enough to test the wiring. */
  static PlacementDecision firstFit(ModelDemand demand, ClusterView view) {
    for (ServerView server : view.servers()) {
      List<Integer> chosen = new ArrayList<>();
      for (ReplicaView r : server.replicas()) {
        if (r.holds(demand.model()) || r.freeMemoryBytes() >= demand.memoryBytes()) {
          chosen.add(r.index());
        }
      }
      if (chosen.size() >= demand.replicas()) {
        return new PlacementDecision.Placed(server.name(), chosen.subList(0, demand.replicas()));
      }
    }
    return new PlacementDecision.Failed("no matching server had enough suitable replicas");
  }

  private final ClusterState cluster = new ClusterState();

  private PlacementRequest request(String model, long memory, int replicas) {
    return new PlacementRequest("default", model, 1, List.of(), memory, replicas, 0, "", null);
  }

  @Test
  void placedReplicasHaveTheModelsMemoryReserved() {
    cluster.join(ClusterStateTest.replica("mlserver", 0, 1000));
    cluster.join(ClusterStateTest.replica("mlserver", 1, 1000));
    PlacementActivitiesImpl placement = new PlacementActivitiesImpl(cluster, PlacementActivitiesImplTest::firstFit);

    PlacementOutcome outcome = placement.place(request("iris", 800, 2));

    assertThat(outcome.placed()).isTrue();
    assertThat(outcome.server()).isEqualTo("mlserver");
    assertThat(outcome.replicas())
        .containsExactly(new ReplicaTarget("mlserver", 0, "127.0.0.1:9000"), new ReplicaTarget("mlserver", 1, "127.0.0.1:9001"));
    assertThat(cluster.replica(new ReplicaKey("default", "mlserver", 0)).orElseThrow().models()).containsKey("iris_1");

    // The reservation counts: a second model no longer fits (1100 usable - 800 held < 800).
    assertThat(placement.place(request("wine", 800, 1)).placed()).isFalse();
  }

  @Test
  void releaseFreesTheReservedMemory() {
    cluster.join(ClusterStateTest.replica("mlserver", 0, 1000));
    PlacementActivitiesImpl placement = new PlacementActivitiesImpl(cluster, PlacementActivitiesImplTest::firstFit);
    PlacementOutcome iris = placement.place(request("iris", 800, 1));

    placement.release(new ReleaseRequest("default", "iris", 1, iris.replicas()));

    assertThat(placement.place(request("wine", 800, 1)).placed()).isTrue();
  }

  @Test
  void failedDecisionCarriesTheReason() {
    PlacementActivitiesImpl placement = new PlacementActivitiesImpl(cluster, PlacementActivitiesImplTest::firstFit);

    PlacementOutcome outcome = placement.place(request("iris", 1, 1));

    assertThat(outcome.placed()).isFalse();
    assertThat(outcome.reason()).isEqualTo("no matching server had enough suitable replicas");
  }

  @Test
  void requestBecomesADemandWithBlankPinsAsNull() {
    AtomicReference<ModelDemand> seen = new AtomicReference<>();
    PlacementActivitiesImpl placement = new PlacementActivitiesImpl(cluster, (demand, view) -> {
      seen.set(demand);
      return new PlacementDecision.Failed("none");
    });

    placement.place(new PlacementRequest("default", "iris", 3, List.of("sklearn"), 42, 2, 1, "", "mlserver"));

    assertThat(seen.get()).isEqualTo(new ModelDemand("iris", List.of("sklearn"), 42, 2, 1, null, "mlserver"));
  }
}
