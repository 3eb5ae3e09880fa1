package io.trantor.compiler.placement;

import static io.trantor.compiler.testing.ClusterViews.apply;
import static io.trantor.compiler.testing.ClusterViews.cluster;
import static io.trantor.compiler.testing.ClusterViews.server;
import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.compiler.testing.Demands;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Models that declare no memory (free memory never tells replicas apart) still spread out. */
class PlacementSpreadTest {

  @Test
  void modelsWithoutMemorySpreadOverEveryReplicaOfEveryServer() {
    ClusterView view = cluster(server("mlserver").replicas(2), server("triton").replicas(2));
    Map<String, Integer> perReplica = new HashMap<>();

    for (int i = 0; i < 40; i++) {
      ModelDemand demand = Demands.model("m" + i).build();
      PlacementDecision decision = Placer.place(demand, view);
      PlacementDecision.Placed placed = (PlacementDecision.Placed) decision;
      perReplica.merge(placed.server() + "-" + placed.replicaIndexes().get(0), 1, Integer::sum);
      view = apply(view, demand, decision);
    }

    assertThat(perReplica)
        .containsOnlyKeys("mlserver-0", "mlserver-1", "triton-0", "triton-1")
        .allSatisfy((replica, models) -> assertThat(models).isEqualTo(10));
  }
}
