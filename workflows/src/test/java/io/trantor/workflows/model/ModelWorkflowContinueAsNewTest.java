package io.trantor.workflows.model;

import static io.trantor.workflows.testing.WorkflowTestKit.deployment;
import static io.trantor.workflows.testing.WorkflowTestKit.withReplicas;
import static io.trantor.workflows.testing.WorkflowTestKit.withStorageUri;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.trantor.workflows.testing.WorkflowTestKit;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModelWorkflowContinueAsNewTest {
  private static final String NS = "seldon-mesh";
  private static final String IRIS = "iris";

  private WorkflowTestKit kit;

  @BeforeEach
  void startKit() {
    // one reconcile round per run: every change ends in a continue-as-new
    kit = WorkflowTestKit.start(
        new ModelWorkflowOptions(Duration.ofSeconds(5), 2, Duration.ofMillis(10),
            Duration.ofSeconds(5), 1, 2000));
    kit.cluster().addServer("mlserver", 3, 1000);
  }

  @AfterEach
  void stopKit() {
    kit.close();
  }

  @Test
  void continueAsNewCarriesVersionsReplicasAndRoute() throws Exception {
    ModelDeployment iris = deployment(NS, IRIS, "gs://models/iris/1", 1);
    // Each change is one round, so each ends in a continue-as-new. The test waits for the new run
    // before it queries or updates: the Java test server stalls a query or update that races a
    // continue-as-new until the workflow task times out (10 s); a real server does not.
    kit.apply(iris);
    String run = kit.awaitNextRun(NS, IRIS, kit.runId(NS, IRIS));
    kit.awaitState(NS, IRIS, "ModelAvailable");

    kit.apply(withReplicas(iris, 2));
    run = kit.awaitNextRun(NS, IRIS, run);
    assertThat(kit.awaitState(NS, IRIS, "ModelAvailable").availableReplicas()).isEqualTo(2);

    ApplyResult next = kit.apply(withStorageUri(withReplicas(iris, 2), "gs://models/iris/2"));
    run = kit.awaitNextRun(NS, IRIS, run);

    assertThat(next).isEqualTo(new ApplyResult(2, "configured"));
    ModelStatus status = kit.awaitState(NS, IRIS, "ModelAvailable");
    assertThat(status.version()).isEqualTo(2);
    assertThat(status.availableReplicas()).isEqualTo(2);
    assertThat(kit.routes().route(NS, IRIS).version()).isEqualTo(2);
    // the old version came through the carried state and was unloaded after the switch
    assertThat(kit.agents().loaded())
        .containsExactlyInAnyOrder("iris_2 on mlserver/0", "iris_2 on mlserver/1");
    assertThat(kit.calls().startingWith("unload iris_1")).hasSize(2);
    assertThat(kit.calls().startingWith("load iris_1")).hasSize(2);
    assertThat(kit.history(NS, IRIS).getEvents().getFirst()
            .getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId())
        .isNotEmpty();

    assertThat(kit.runId(NS, IRIS)).isEqualTo(run);
    kit.model(NS, IRIS).delete();
    kit.awaitCompletion(NS, IRIS);
    assertThat(kit.history(NS, IRIS).getLastEvent().getEventType())
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    assertThat(kit.agents().loaded()).isEmpty();
  }
}
