package io.trantor.control.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.trantor.activities.ReplicaInfo;
import io.trantor.activities.ReplicaKey;
import io.trantor.activities.ReplicaSnapshot;
import io.trantor.compiler.placement.ReplicaView;
import io.trantor.compiler.placement.ServerView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ClusterStateTest {

  static ReplicaInfo replica(String server, int index, long memory) {
    return new ReplicaInfo(
        new ReplicaKey("default", server, index), "127.0.0.1:" + (9000 + index), Set.of("sklearn"), memory, 10, List.of());
  }

  @Test
  void viewShowsConnectedReplicasWithTheirReservations() {
    ClusterState state = new ClusterState();
    state.join(replica("mlserver", 0, 1000));
    state.join(replica("mlserver", 1, 1000));
    state.reserve(new ReplicaKey("default", "mlserver", 1), "iris", 1, 300);
    state.reserve(new ReplicaKey("default", "mlserver", 1), "iris", 2, 200);

    List<ServerView> servers = state.view("default").servers();

    assertThat(servers).singleElement().satisfies(s -> {
      assertThat(s.name()).isEqualTo("mlserver");
      assertThat(s.shared()).isTrue();
      assertThat(s.replicas()).extracting(ReplicaView::index).containsExactly(0, 1);
      ReplicaView one = s.replicas().get(1);
      assertThat(one.modelMemoryBytes()).containsEntry("iris", 500L);
      assertThat(one.freeMemoryBytes()).isEqualTo(1100 - 500);
      assertThat(one.capabilities()).containsExactly("sklearn");
    });
    assertThat(state.view("other").servers()).isEmpty();
  }

  @Test
  void leavingReplicaDropsOutOfTheViewAndReportsItsModels() {
    ClusterState state = new ClusterState();
    List<String> events = new ArrayList<>();
    state.addListener(new ClusterListener() {
      @Override
      public void replicaJoined(ReplicaSnapshot replica) {
        events.add("joined " + replica.key());
      }

      @Override
      public void replicaLeft(ReplicaSnapshot replica, Set<String> models) {
        events.add("left " + replica.key() + " " + models);
      }
    });
    state.join(replica("mlserver", 0, 1000));
    ReplicaKey key = new ReplicaKey("default", "mlserver", 0);
    state.reserve(key, "iris", 1, 100);

    assertThat(state.leave(key)).containsExactly("iris");
    assertThat(state.leave(key)).isEmpty();

    assertThat(state.view("default").servers()).isEmpty();
    assertThat(state.replica(key)).hasValueSatisfying(r -> {
      assertThat(r.connected()).isFalse();
      assertThat(r.models()).isEmpty();
    });
    assertThat(state.reserve(key, "iris", 1, 100)).isFalse();
    assertThat(events).containsExactly("joined default/mlserver/0", "left default/mlserver/0 [iris]");
  }

  @Test
  void releaseFreesOnlyThatVersion() {
    ClusterState state = new ClusterState();
    state.join(replica("mlserver", 0, 1000));
    ReplicaKey key = new ReplicaKey("default", "mlserver", 0);
    state.reserve(key, "iris", 1, 100);
    state.reserve(key, "iris", 2, 100);

    state.release(key, "iris", 1);

    assertThat(state.replica(key).orElseThrow().models()).containsOnlyKeys("iris_2");
    assertThat(state.replica(key).orElseThrow().availableMemoryBytes()).isEqualTo(1000);
  }

  @Test
  void drainingReplicaIsMarkedInTheView() {
    ClusterState state = new ClusterState();
    state.join(replica("mlserver", 0, 1000));
    state.setDraining(new ReplicaKey("default", "mlserver", 0), true);

    assertThat(state.view("default").servers().get(0).replicas().get(0).draining()).isTrue();
  }

  @Test
  void aDrainStepKeepsTheReasonOfAStayingModelUntilTheReplicaComesBackAfresh() {
    ClusterState state = new ClusterState();
    state.join(replica("mlserver", 0, 1000));
    ReplicaKey key = new ReplicaKey("default", "mlserver", 0);
    state.setDraining(key, true);
    state.drainStep(key, "MovingModels", "big: no replica of server mlserver can take model big (needs 1Gi)");
    state.drainStep(key, "Released", null);

    assertThat(state.drainStep(key)).containsExactly("Released",
        "big: no replica of server mlserver can take model big (needs 1Gi)");

    state.leave(key);
    state.join(replica("mlserver", 0, 1000));
    assertThat(state.drainStep(key)).containsExactly("", "");
    assertThat(state.view("default").servers().get(0).replicas().get(0).draining()).isFalse();
  }

  @Test
  void aReservationOfAnOrphanBeingUnloadedWaitsUntilTheUnloadIsDone() throws Exception {
    ClusterState state = new ClusterState();
    state.join(replica("mlserver", 0, 1000));
    ReplicaKey key = new ReplicaKey("default", "mlserver", 0);
    state.reserve(key, "iris", 1, 100);
    assertThat(state.fenceIfUnheld(key, "iris_1")).as("a held version is no orphan").isFalse();

    assertThat(state.fenceIfUnheld(key, "wine_3")).isTrue();
    CompletableFuture<Boolean> reserved =
        CompletableFuture.supplyAsync(() -> state.reserve(key, "wine", 3, 100));
    // the reservation cannot finish while the fence stands: it holds no lock the test needs
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
        .until(() -> !reserved.isDone());

    state.unfence(key, "wine_3");

    assertThat(reserved.get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(state.replica(key).orElseThrow().models()).containsKeys("iris_1", "wine_3");
  }
}
