package io.trantor.workflows.model;

import static io.trantor.workflows.testing.WorkflowTestKit.deployment;
import static io.trantor.workflows.testing.WorkflowTestKit.withMemory;
import static io.trantor.workflows.testing.WorkflowTestKit.withReplicas;
import static io.trantor.workflows.testing.WorkflowTestKit.withStorageUri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.temporal.client.WorkflowUpdateException;
import io.trantor.workflows.activity.ModelRoute;
import io.trantor.workflows.testing.WorkflowTestKit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModelWorkflowTest {
  private static final String NS = "seldon-mesh";
  private static final String IRIS = "iris";

  private WorkflowTestKit kit;

  @BeforeEach
  void startKit() {
    kit = WorkflowTestKit.start(WorkflowTestKit.fastOptions());
    kit.cluster().addServer("mlserver", 3, 1000);
  }

  @AfterEach
  void stopKit() {
    kit.close();
  }

  private ModelDeployment iris(int replicas) {
    return deployment(NS, IRIS, "gs://models/iris/1", replicas);
  }

  private List<String> routeSlots() {
    ModelRoute route = kit.routes().route(NS, IRIS);
    return route == null
        ? List.of()
        : route.endpoints().stream().map(t -> t.server() + "/" + t.replicaIndex()).toList();
  }

  @Test
  void firstApplyLoadsEveryChosenReplicaOnceAndBecomesAvailable() {
    ApplyResult result = kit.apply(iris(2));

    assertThat(result).isEqualTo(new ApplyResult(1, "created"));
    ModelStatus status = kit.awaitState(NS, IRIS, "ModelAvailable");
    assertThat(status.version()).isEqualTo(1);
    assertThat(status.availableReplicas()).isEqualTo(2);
    assertThat(status.desiredReplicas()).isEqualTo(2);
    assertThat(status.server()).isEqualTo("mlserver");
    assertThat(status.replicas())
        .extracting(ReplicaStatus::state, ReplicaStatus::endpoint)
        .containsExactly(
            tuple("Available", "mlserver-0.local:9000"),
            tuple("Available", "mlserver-1.local:9000"));
    assertThat(kit.calls().startingWith("load "))
        .containsExactlyInAnyOrder("load iris_1 on mlserver/0", "load iris_1 on mlserver/1");
    assertThat(kit.calls().last("publish iris_1"))
        .isGreaterThan(kit.calls().last("load iris_1"));
    assertThat(kit.routes().route(NS, IRIS).version()).isEqualTo(1);
    assertThat(routeSlots()).containsExactly("mlserver/0", "mlserver/1");
  }

  @Test
  void newVersionTakesTheRouteBeforeTheOldVersionUnloads() {
    kit.apply(iris(2));
    kit.awaitState(NS, IRIS, "ModelAvailable");

    ApplyResult result = kit.apply(withStorageUri(iris(2), "gs://models/iris/2"));

    assertThat(result).isEqualTo(new ApplyResult(2, "configured"));
    kit.awaitState(NS, IRIS, "ModelAvailable");
    assertThat(kit.routes().route(NS, IRIS).version()).isEqualTo(2);
    await().atMost(Duration.ofSeconds(20)).until(() -> kit.cluster().reservedBy(IRIS, 1).isEmpty());
    int published = kit.calls().first("publish iris_2");
    assertThat(kit.calls().last("load iris_2")).isLessThan(published);
    assertThat(kit.calls().first("unload iris_1")).isGreaterThan(published);
    assertThat(kit.calls().startingWith("unload iris_1")).hasSize(2);
    assertThat(kit.agents().loaded())
        .containsExactlyInAnyOrder("iris_2 on mlserver/0", "iris_2 on mlserver/1");
    assertThat(kit.model(NS, IRIS).status().replicas())
        .extracting(ReplicaStatus::version)
        .containsOnly(2L);
  }

  @Test
  void scalingUpLoadsMoreReplicasOfTheSameVersion() {
    kit.apply(iris(1));
    kit.awaitState(NS, IRIS, "ModelAvailable");

    ApplyResult result = kit.apply(withReplicas(iris(1), 3));

    assertThat(result).isEqualTo(new ApplyResult(1, "configured"));
    kit.awaitState(NS, IRIS, "ModelAvailable");
    assertThat(routeSlots()).containsExactlyInAnyOrder("mlserver/0", "mlserver/1", "mlserver/2");
    assertThat(kit.calls().startingWith("load iris_1")).hasSize(3);
    assertThat(kit.calls().startingWith("unload")).isEmpty();
  }

  @Test
  void scalingDownRepublishesTheRouteBeforeUnloadingTheExtraReplicas() {
    kit.apply(iris(3));
    kit.awaitState(NS, IRIS, "ModelAvailable");
    kit.calls().clear();

    kit.apply(withReplicas(iris(3), 1));

    kit.awaitState(NS, IRIS, "ModelAvailable");
    assertThat(routeSlots()).containsExactly("mlserver/0");
    await().atMost(Duration.ofSeconds(20)).until(() -> kit.agents().loaded().size() == 1);
    assertThat(kit.calls().all())
        .containsSubsequence(
            "place iris_1 x1", "publish iris_1 -> [mlserver/0]", "unload iris_1 on mlserver/1");
    assertThat(kit.calls().first("unload")).isGreaterThan(kit.calls().first("publish"));
    assertThat(kit.agents().loaded()).containsExactly("iris_1 on mlserver/0");
    assertThat(kit.calls().startingWith("load")).isEmpty();
  }

  @Test
  void scalingToZeroReplicasReportsModelScaledDown() {
    kit.apply(iris(2));
    kit.awaitState(NS, IRIS, "ModelAvailable");

    kit.apply(withReplicas(iris(2), 0));

    ModelStatus status = kit.awaitState(NS, IRIS, "ModelScaledDown");
    assertThat(status.replicas()).isEmpty();
    assertThat(kit.routes().route(NS, IRIS)).isNull();
    assertThat(kit.calls().first("unload")).isGreaterThan(kit.calls().first("remove iris"));
    assertThat(kit.agents().loaded()).isEmpty();
    await().atMost(Duration.ofSeconds(20)).until(() -> kit.cluster().reservedBy(IRIS, 1).isEmpty());
  }

  @Test
  void scheduleFailedModelBecomesAvailableWhenAServerReplicaJoins() {
    kit.apply(withMemory(iris(1), 5000));

    ModelStatus failed = kit.awaitState(NS, IRIS, "ScheduleFailed");
    assertThat(failed.reason()).contains("not enough replicas");
    assertThat(kit.calls().startingWith("load")).isEmpty();

    kit.cluster().addReplica("mlserver", 3, 8000);
    kit.model(NS, IRIS).clusterChanged(new ClusterChange("mlserver", 3, false));

    ModelStatus available = kit.awaitState(NS, IRIS, "ModelAvailable");
    assertThat(available.reason()).isEmpty();
    assertThat(routeSlots()).containsExactly("mlserver/3");
  }

  @Test
  void newVersionThatDoesNotFitLeavesTheOldVersionServing() {
    kit.apply(withMemory(iris(3), 600));
    kit.awaitState(NS, IRIS, "ModelAvailable");

    kit.apply(withStorageUri(withMemory(iris(3), 600), "gs://models/iris/2"));

    ModelStatus status = kit.awaitState(NS, IRIS, "ScheduleFailed");
    assertThat(status.version()).isEqualTo(2);
    assertThat(kit.routes().route(NS, IRIS).version()).isEqualTo(1);
    assertThat(routeSlots()).hasSize(3);
    assertThat(kit.calls().startingWith("unload")).isEmpty();
    assertThat(kit.agents().loaded()).hasSize(3);
  }

  @Test
  void lostReplicaIsDroppedFromTheRouteAndPlacedAgain() {
    kit.apply(iris(2));
    kit.awaitState(NS, IRIS, "ModelAvailable");
    assertThat(routeSlots()).containsExactly("mlserver/0", "mlserver/1");

    kit.cluster().lose("mlserver", 1);
    kit.model(NS, IRIS).clusterChanged(new ClusterChange("mlserver", 1, true));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> routeSlots().equals(List.of("mlserver/0", "mlserver/2")));
    ModelStatus status = kit.awaitState(NS, IRIS, "ModelAvailable");
    assertThat(status.availableReplicas()).isEqualTo(2);
    assertThat(kit.calls().all())
        .containsSubsequence(
            "publish iris_1 -> [mlserver/0]",
            "release iris_1 on [mlserver/1]",
            "load iris_1 on mlserver/2",
            "publish iris_1 -> [mlserver/0, mlserver/2]");
    assertThat(kit.calls().startingWith("load iris_1 on mlserver/0")).hasSize(1);
  }

  @Test
  void replicaGoneDuringLoadIsPlacedElsewhere() {
    kit.agents().vanishOnLoad("mlserver", 0);

    kit.apply(iris(1));

    kit.awaitState(NS, IRIS, "ModelAvailable");
    assertThat(routeSlots()).containsExactly("mlserver/1");
    assertThat(kit.calls().all())
        .containsSubsequence(
            "load iris_1 on mlserver/0", "release iris_1 on [mlserver/0]",
            "load iris_1 on mlserver/1");
  }

  @Test
  void loadFailureReportsModelFailedWithTheAgentsReason() {
    kit.agents().failLoads(IRIS, "model.joblib: no such file");

    kit.apply(iris(1));

    ModelStatus status = kit.awaitState(NS, IRIS, "ModelFailed");
    assertThat(status.reason()).isEqualTo("model.joblib: no such file");
    assertThat(status.replicas())
        .extracting(ReplicaStatus::state, ReplicaStatus::reason)
        .containsExactly(
            tuple("LoadFailed", "model.joblib: no such file"));
    assertThat(kit.calls().startingWith("load iris_1 on mlserver/0"))
        .hasSize(WorkflowTestKit.fastOptions().loadAttempts());
    assertThat(kit.routes().route(NS, IRIS)).isNull();
  }

  @Test
  void failedModelLoadsAgainWhenTheClusterChanges() {
    kit.agents().failLoads(IRIS, "out of memory");
    kit.apply(iris(1));
    kit.awaitState(NS, IRIS, "ModelFailed");

    kit.agents().healLoads(IRIS);
    kit.model(NS, IRIS).clusterChanged(new ClusterChange("mlserver", 2, false));

    kit.awaitState(NS, IRIS, "ModelAvailable");
    assertThat(routeSlots()).containsExactly("mlserver/0");
  }

  @Test
  void deleteRemovesTheRouteUnloadsEveryReplicaAndCompletes() throws Exception {
    kit.apply(iris(2));
    kit.awaitState(NS, IRIS, "ModelAvailable");

    kit.model(NS, IRIS).delete();
    kit.awaitCompletion(NS, IRIS);

    assertThat(kit.routes().route(NS, IRIS)).isNull();
    assertThat(kit.agents().loaded()).isEmpty();
    assertThat(kit.cluster().reservedBy(IRIS, 1)).isEmpty();
    assertThat(kit.calls().first("unload")).isGreaterThan(kit.calls().last("remove iris"));
    assertThat(kit.model(NS, IRIS).status().state()).isEqualTo("ModelTerminated");
  }

  @Test
  void applyAfterDeleteBeganIsRejected() throws Exception {
    kit.apply(iris(1));
    kit.awaitState(NS, IRIS, "ModelAvailable");
    kit.agents().holdUnloads();

    kit.model(NS, IRIS).delete();
    kit.awaitState(NS, IRIS, "ModelTerminating");

    assertThatThrownBy(() -> kit.model(NS, IRIS).apply(withReplicas(iris(1), 2)))
        .isInstanceOf(WorkflowUpdateException.class)
        .hasStackTraceContaining("is in process of deletion");
    kit.agents().releaseUnloads();
    kit.awaitCompletion(NS, IRIS);
  }

  @Test
  void deletedModelCanBeCreatedAgain() throws Exception {
    kit.apply(iris(1));
    kit.awaitState(NS, IRIS, "ModelAvailable");
    kit.model(NS, IRIS).delete();
    kit.awaitCompletion(NS, IRIS);

    ApplyResult again = kit.apply(iris(1));

    assertThat(again).isEqualTo(new ApplyResult(1, "created"));
    kit.awaitState(NS, IRIS, "ModelAvailable");
  }

  @Test
  void identicalApplyIsUnchangedAndDoesNothing() {
    kit.apply(iris(2));
    kit.awaitState(NS, IRIS, "ModelAvailable");
    int callsBefore = kit.calls().all().size();

    ApplyResult result = kit.apply(iris(2));

    assertThat(result).isEqualTo(new ApplyResult(1, "unchanged"));
    assertThat(kit.model(NS, IRIS).status().state()).isEqualTo("ModelAvailable");
    assertThat(kit.calls().all()).hasSize(callsBefore);
  }

  @Test
  void validatorRejectsAnotherModelsDeployment() {
    kit.apply(iris(1));
    kit.awaitState(NS, IRIS, "ModelAvailable");

    assertThatThrownBy(
            () -> kit.model(NS, IRIS).apply(deployment(NS, "mnist", "gs://models/mnist", 1)))
        .isInstanceOf(WorkflowUpdateException.class)
        .hasStackTraceContaining("deployment of seldon-mesh/mnist sent to model seldon-mesh/iris");
    assertThat(kit.model(NS, IRIS).status().version()).isEqualTo(1);
  }
}
