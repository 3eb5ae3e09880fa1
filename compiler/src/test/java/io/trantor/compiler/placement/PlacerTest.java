package io.trantor.compiler.placement;

import static io.trantor.compiler.testing.ClusterViews.cluster;
import static io.trantor.compiler.testing.ClusterViews.server;
import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.compiler.placement.PlacementDecision.Failed;
import io.trantor.compiler.placement.PlacementDecision.Placed;
import io.trantor.compiler.testing.Demands;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PlacerTest {

  private static Placed placed(String server, Integer... replicas) {
    return new Placed(server, List.of(replicas));
  }

  private static String reason(PlacementDecision decision) {
    assertThat(decision).isInstanceOf(Failed.class);
    return ((Failed) decision).reason();
  }

  @Nested
  class ServerFilters {

    @Test
    void skipsServerWithoutReplicas() {
      ClusterView view = cluster(server("a").replicas(0), server("b"));

      assertThat(Placer.place(Demands.model("iris").build(), view)).isEqualTo(placed("b", 0));
    }

    @Test
    void unpinnedModelNeverLandsOnUnsharedServer() {
      ClusterView view = cluster(server("a").notShared(), server("b"));

      assertThat(Placer.place(Demands.model("iris").build(), view)).isEqualTo(placed("b", 0));
    }

    @Test
    void pinnedModelGoesOnlyToItsServerEvenWhenItIsNotShared() {
      ClusterView view = cluster(server("a"), server("b").notShared());

      assertThat(Placer.place(Demands.model("iris").pinnedTo("b").build(), view)).isEqualTo(placed("b", 0));
    }

    @Test
    void pinnedModelDoesNotFallBackToAnotherServerWhenItsServerIsFull() {
      ClusterView view = cluster(server("a"), server("b").memory("10Mi"));

      assertThat(reason(Placer.place(Demands.model("iris").pinnedTo("b").build(), view)))
          .startsWith(FailureReason.NOT_ENOUGH_REPLICAS + ": server b has 0 suitable replicas")
          .doesNotContain("server a");
    }

    @Test
    void pinToAMissingServerFailsNamingTheServersThatExist() {
      ClusterView view = cluster(server("b"), server("a"));

      assertThat(reason(Placer.place(Demands.model("iris").pinnedTo("c").build(), view))).isEqualTo(
          FailureReason.NO_MATCHING_SERVERS + ": the model is pinned to server c, which does not exist (servers: a, b)");
    }

    @Test
    void serverMustOfferEveryRequirementAfterTrimming() {
      ClusterView view = cluster(server("a").capabilities("mlserver"), server("b").capabilities(" mlserver", "sklearn "));

      assertThat(Placer.place(Demands.model("iris").requirements(" sklearn", "mlserver ").build(), view))
          .isEqualTo(placed("b", 0));
    }

    @Test
    void everyReplicaOfTheServerMustOfferTheRequirementsNotJustOne() {
      ClusterView view = cluster(server("a").capabilities("sklearn").replicas(2).replicaCapabilities(1, "xgboost"));

      assertThat(reason(Placer.place(Demands.model("iris").requirements("sklearn").build(), view))).isEqualTo(
          FailureReason.NO_MATCHING_SERVERS + ": requirement 'sklearn' not offered by replica 1 of a (it offers xgboost)");
    }

    @Test
    void noMatchingServerReasonSaysWhatEachServerLacks() {
      ClusterView view = cluster(server("triton").capabilities("triton", "python"), server("empty").replicas(0),
          server("private").notShared());

      assertThat(reason(Placer.place(Demands.model("tf").requirements("tensorflow", "gpu").build(), view)))
          .isEqualTo(FailureReason.NO_MATCHING_SERVERS + ": server empty has no replicas; "
              + "server private is not shared and the model is not pinned to it; "
              + "requirements 'tensorflow', 'gpu' not offered by triton (it offers python, triton)");
    }

    @Test
    void emptyClusterHasNoMatchingServers() {
      assertThat(reason(Placer.place(Demands.model("iris").build(), cluster())))
          .isEqualTo(FailureReason.NO_MATCHING_SERVERS + ": there are no servers");
    }
  }

  @Nested
  class ReplicaFilters {

    @Test
    void neverChoosesADrainingReplica() {
      ClusterView view = cluster(server("a").replicas(3).draining(0, 2));

      assertThat(Placer.place(Demands.model("iris").build(), view)).isEqualTo(placed("a", 1));
    }

    @Test
    void skipsReplicaWithoutEnoughFreeMemory() {
      ClusterView view = cluster(server("a").memory("200Mi").replicas(2).holding(0, "big", "150Mi"));

      assertThat(Placer.place(Demands.model("iris").memory("100Mi").build(), view)).isEqualTo(placed("a", 1));
    }

    @Test
    void overcommitCountsAsFreeMemory() {
      ClusterView view = cluster(server("a").memory("100Mi").overcommit(50));

      assertThat(Placer.place(Demands.model("iris").memory("150Mi").build(), view)).isEqualTo(placed("a", 0));
      assertThat(Placer.place(Demands.model("iris").memory("151Mi").build(), view)).isInstanceOf(Failed.class);
    }

    @Test
    void replicaThatHoldsTheModelCountsItsAllocationAsTheModelsOwn() {
      ClusterView full = cluster(server("a").memory("100Mi").holding(0, "iris", "100Mi"));

      assertThat(Placer.place(Demands.model("iris").memory("100Mi").build(), full)).isEqualTo(placed("a", 0));
    }

    @Test
    void modelThatGrewNeedsTheExtraMemoryFree() {
      ClusterView view = cluster(server("a").memory("150Mi").holding(0, "iris", "100Mi"));

      assertThat(Placer.place(Demands.model("iris").memory("150Mi").build(), view)).isEqualTo(placed("a", 0));
      assertThat(reason(Placer.place(Demands.model("iris").memory("151Mi").build(), view)))
          .endsWith("server a has 0 suitable replicas of 1, needs 1: replica 0 has 150Mi free (needs 151Mi)");
    }

    @Test
    void modelWithoutMemoryFitsOnAFullReplica() {
      ClusterView view = cluster(server("a").memory("100Mi").holding(0, "other", "100Mi"));

      assertThat(Placer.place(Demands.model("iris").memory("0").build(), view)).isEqualTo(placed("a", 0));
    }
  }

  @Nested
  class Order {

    @Test
    void prefersTheCurrentServer() {
      ClusterView view = cluster(server("a"), server("b"), server("c"));

      assertThat(Placer.place(Demands.model("iris").currentlyOn("c").build(), view)).isEqualTo(placed("c", 0));
    }

    @Test
    void otherwiseTakesServersByName() {
      ClusterView view = cluster(server("c"), server("b"), server("a").replicas(0));

      assertThat(Placer.place(Demands.model("iris").build(), view)).isEqualTo(placed("b", 0));
    }

    @Test
    void leavesTheCurrentServerWhenItCannotTakeTheModel() {
      ClusterView view = cluster(server("a"), server("b").draining(0));

      assertThat(Placer.place(Demands.model("iris").currentlyOn("b").build(), view)).isEqualTo(placed("a", 0));
    }

    @Test
    void replicasHoldingTheModelComeFirstThenMostFreeMemoryThenLowerIndex() {
      ClusterView view = cluster(server("a").memory("1Gi").replicas(5)
          .holding(3, "iris", "100Mi").holding(3, "x", "800Mi")
          .holding(0, "x", "300Mi").holding(1, "x", "100Mi").holding(4, "x", "100Mi"));

      assertThat(Placer.place(Demands.model("iris").replicas(5).build(), view)).isEqualTo(placed("a", 3, 2, 1, 4, 0));
    }

    @Test
    void samePlacementForTheSameInputs() {
      ClusterView view = cluster(server("b").replicas(3), server("a").replicas(3));
      ModelDemand demand = Demands.model("iris").replicas(2).build();

      assertThat(Placer.place(demand, view)).isEqualTo(Placer.place(demand, view)).isEqualTo(placed("a", 0, 1));
    }
  }

  @Nested
  class Replicas {

    @Test
    void takesTheFirstServerWithEnoughEligibleReplicas() {
      ClusterView view = cluster(server("a").replicas(3).draining(0, 1), server("b").replicas(2));

      assertThat(Placer.place(Demands.model("iris").replicas(2).build(), view)).isEqualTo(placed("b", 0, 1));
    }

    @Test
    void placesPartiallyDownToMinReplicasWhenNoServerHasEnough() {
      ClusterView view = cluster(server("a").replicas(3).draining(0, 1), server("b").replicas(3).draining(2));

      assertThat(Placer.place(Demands.model("iris").replicas(3).minReplicas(1).build(), view))
          .isEqualTo(placed("a", 2));
    }

    @Test
    void partialPlacementNeedsAtLeastMinReplicas() {
      ClusterView view = cluster(server("a").replicas(3).draining(0, 1), server("b").replicas(3).draining(2));

      assertThat(Placer.place(Demands.model("iris").replicas(3).minReplicas(2).build(), view))
          .isEqualTo(placed("b", 0, 1));
    }

    @Test
    void withoutMinReplicasFewerReplicasThanDesiredFail() {
      ClusterView view = cluster(server("mlserver").memory("100Mi").replicas(3).draining(2)
          .holding(1, "other", "36Mi"));

      assertThat(reason(Placer.place(Demands.model("iris").replicas(3).memory("80Mi").build(), view))).isEqualTo(
          FailureReason.NOT_ENOUGH_REPLICAS + ": server mlserver has 1 suitable replica of 3, needs 3: "
              + "replica 1 has 64Mi free (needs 80Mi), replica 2 is draining");
    }

    @Test
    void notEnoughReplicasReasonAlsoSaysWhyOtherServersWereNotCandidates() {
      ClusterView view = cluster(server("a").replicas(1), server("b").capabilities("triton"),
          server("c").notShared().replicas(2));

      assertThat(reason(Placer.place(Demands.model("iris").replicas(2).minReplicas(2).build(), view))).isEqualTo(
          FailureReason.NOT_ENOUGH_REPLICAS + ": server a has 1 suitable replica of 1, needs 2 (at least 2); "
              + "server b has 1 suitable replica of 1, needs 2 (at least 2); "
              + "server c is not shared and the model is not pinned to it");
    }

    @Test
    void zeroReplicasReleasesEverythingOnTheCurrentServer() {
      ClusterView view = cluster(server("a").holding(0, "iris", "1Mi"));

      assertThat(Placer.place(Demands.model("iris").replicas(0).currentlyOn("a").build(), view))
          .isEqualTo(placed("a"));
      assertThat(Placer.place(Demands.model("iris").replicas(0).build(), cluster())).isEqualTo(placed(""));
    }

    @Test
    void longListsOfRejectedReplicasAreCounted() {
      ClusterView view = cluster(server("a").replicas(8).draining(0, 1, 2, 3, 4, 5, 6, 7));

      assertThat(reason(Placer.place(Demands.model("iris").build(), view)))
          .endsWith("replica 4 is draining and 3 more");
    }
  }
}
