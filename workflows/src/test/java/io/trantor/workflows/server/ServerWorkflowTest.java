package io.trantor.workflows.server;

import static io.trantor.workflows.testing.WorkflowTestKit.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.trantor.workflows.model.ModelWorkflowImpl;
import io.trantor.workflows.testing.CallLog;
import io.trantor.workflows.testing.WorkflowTestKit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ServerWorkflow's drain against the test kit's fakes, on Temporal's in-process test server. */
class ServerWorkflowTest {
  private static final String NS = "ns";
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @Test
  void movesEachModelLoadingElsewhereRoutingThenUnloadingAndReleasesTheReplica() throws Exception {
    try (WorkflowTestKit kit = WorkflowTestKit.start(WorkflowTestKit.fastOptions())) {
      kit.cluster().addServer("mlserver", 2, 1000);
      for (String model : List.of("a", "b")) {
        kit.apply(deployment(NS, model, "gs://m/" + model, 1));
        kit.awaitState(NS, model, "ModelAvailable");
      }
      assertThat(kit.cluster().heldOn("mlserver", 0)).containsExactlyInAnyOrder("a_1", "b_1");

      ReplicaDrain done = drain(kit, "d1", 0, 120);

      assertThat(done.moved()).containsExactlyInAnyOrder("a", "b");
      assertThat(done.stayed()).isEmpty();
      assertThat(done.timedOut()).isFalse();
      CallLog calls = kit.calls();
      for (String model : List.of("a", "b")) {
        int load = calls.first("load " + model + "_1 on mlserver/1");
        int route = calls.first("publish " + model + "_1 -> [mlserver/1]");
        int unload = calls.first("unload " + model + "_1 on mlserver/0");
        assertThat(calls.first("unschedulable mlserver/0")).isLessThan(load);
        assertThat(load).as("load elsewhere first").isLessThan(route);
        assertThat(route).as("then the route").isLessThan(unload);
        assertThat(unload).as("then unload here, then release").isLessThan(calls.first("released mlserver/0"));
        assertThat(kit.routes().route(NS, model).endpoints()).extracting(t -> t.replicaIndex()).containsExactly(1);
        kit.awaitState(NS, model, "ModelAvailable");
      }
      assertThat(kit.cluster().heldOn("mlserver", 0)).isEmpty();

      WorkflowExecutionHistory server = kit.client().fetchHistory(ServerWorkflow.workflowId(NS, "mlserver"));
      WorkflowReplayer.replayWorkflowExecution(server, ServerWorkflowImpl.class);
      WorkflowReplayer.replayWorkflowExecution(kit.history(NS, "a"), ModelWorkflowImpl.class);
    }
  }

  @Test
  void aModelThatFitsNowhereStaysServedUntilTheGracePeriodEndsAndSaysWhy() throws Exception {
    try (WorkflowTestKit kit = WorkflowTestKit.start(WorkflowTestKit.fastOptions())) {
      kit.cluster().addServer("mlserver", 1, 1000);
      kit.apply(deployment(NS, "a", "gs://m/a", 1));
      kit.awaitState(NS, "a", "ModelAvailable");

      ReplicaDrain done = drain(kit, "d1", 0, 2);

      assertThat(done.moved()).isEmpty();
      assertThat(done.stayed()).singleElement().asString()
          .startsWith("a: ").contains("server mlserver").contains("100 bytes");
      assertThat(done.timedOut()).isTrue();
      assertThat(kit.calls().startingWith("unload a_1")).isEmpty();
      assertThat(kit.routes().route(NS, "a").endpoints()).extracting(t -> t.replicaIndex()).containsExactly(0);
      assertThat(kit.awaitState(NS, "a", "ScheduleFailed").reason()).contains("not enough replicas");
    }
  }

  @Test
  void releasesOnlyOnceTheReplicasInFlightRequestsReachZero() throws Exception {
    try (WorkflowTestKit kit = WorkflowTestKit.start(WorkflowTestKit.fastOptions())) {
      kit.cluster().addServer("mlserver", 2, 1000);
      kit.drains().inFlight(3);
      ServerStarter.drain(kit.client(), NS, "mlserver", new DrainOrder("d1", 1, 120));

      await().atMost(PATIENCE).ignoreExceptions()
          .until(() -> step(kit, "d1"), "AwaitingInFlight"::equals);
      assertThat(kit.calls().startingWith("released")).isEmpty();
      kit.drains().inFlight(0);

      await().atMost(PATIENCE).until(() -> kit.calls().startingWith("released mlserver/1").size() == 1);
      assertThat(await().atMost(PATIENCE).ignoreExceptions().until(() -> step(kit, "d1"), "Released"::equals)).isNotNull();
    }
  }

  @Test
  void theGracePeriodCapsAWaitForInFlightRequests() throws Exception {
    try (WorkflowTestKit kit = WorkflowTestKit.start(WorkflowTestKit.fastOptions())) {
      kit.cluster().addServer("mlserver", 2, 1000);
      kit.drains().inFlight(1);

      ReplicaDrain done = drain(kit, "d1", 1, 1);

      assertThat(done.timedOut()).isTrue();
      assertThat(kit.calls().startingWith("released mlserver/1")).hasSize(1);
    }
  }

  private static ReplicaDrain drain(WorkflowTestKit kit, String id, int replica, long graceSeconds) {
    ServerStarter.drain(kit.client(), NS, "mlserver", new DrainOrder(id, replica, graceSeconds));
    return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
        .until(() -> ServerStarter.status(kit.client(), NS, "mlserver").stream()
            .filter(d -> d.orderId().equals(id) && d.released()).findFirst().orElse(null), d -> d != null);
  }

  private static String step(WorkflowTestKit kit, String id) {
    return ServerStarter.status(kit.client(), NS, "mlserver").stream()
        .filter(d -> d.orderId().equals(id)).findFirst().map(ReplicaDrain::step).orElse("");
  }
}
