package io.trantor.workflows.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.trantor.workflows.TaskQueues;
import io.trantor.workflows.activity.ExperimentRoute;
import io.trantor.workflows.activity.ExperimentRoute.Candidate;
import io.trantor.workflows.testing.FakeExperiments;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Replays experiment histories with the current code (see ModelWorkflowReplayTest). The first test
 * writes its history when {@code -Dtrantor.histories.out=<dir>} is set.
 */
class ExperimentWorkflowReplayTest {
  private static final String NS = "seldon-mesh";
  private static final String HISTORIES = "/histories/ExperimentWorkflow";

  @Test
  void freshHistoryOfFailReadyUpdateDeleteReplaysWithTheCurrentCode() throws Exception {
    WorkflowExecutionHistory history;
    FakeExperiments fakes = new FakeExperiments();
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    try {
      Worker worker = env.newWorker(TaskQueues.CONTROL);
      ExperimentWorker.register(worker);
      worker.registerActivitiesImplementations(fakes);
      env.start();
      fakes.addModel(NS, "iris");
      var client = env.getWorkflowClient();
      ExperimentStarter.apply(client, deployment(1, new Candidate("iris", 50), new Candidate("iris2", 50)));
      awaitState(env, ExperimentStatus.FAILED);
      fakes.addModel(NS, "iris2");
      ExperimentStarter.apply(client, deployment(1, new Candidate("iris", 50), new Candidate("iris2", 50)));
      awaitState(env, ExperimentStatus.READY);
      ExperimentStarter.apply(client, deployment(2, new Candidate("iris", 10), new Candidate("iris2", 90)));
      await().atMost(Duration.ofSeconds(20)).until(() -> fakes.route(NS, "exp").candidates().getFirst().weight() == 10);
      ExperimentStarter.existing(client, NS, "exp").delete();
      client.newUntypedWorkflowStub(ExperimentWorkflow.workflowId(NS, "exp")).getResultAsync(Void.class)
          .get(20, TimeUnit.SECONDS);
      history = client.fetchHistory(ExperimentWorkflow.workflowId(NS, "exp"));
    } finally {
      env.close();
    }

    WorkflowReplayer.replayWorkflowExecution(history, ExperimentWorkflowImpl.class);

    String out = System.getProperty("trantor.histories.out");
    if (out != null) {
      Files.writeString(Path.of(out, "fail-ready-update-delete.json"), history.toJson(true));
    }
  }

  @Test
  void committedHistoriesReplayWithTheCurrentCode() throws Exception {
    URL folder = getClass().getResource(HISTORIES);
    assertThat(folder).as("committed histories under %s", HISTORIES).isNotNull();
    List<Path> files;
    try (Stream<Path> listing = Files.list(Path.of(folder.toURI()))) {
      files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      WorkflowReplayer.replayWorkflowExecution(
          WorkflowExecutionHistory.fromJson(Files.readString(file)), ExperimentWorkflowImpl.class);
    }
  }

  private static ExperimentDeployment deployment(long generation, Candidate... candidates) {
    return new ExperimentDeployment(generation, "model", new ExperimentRoute(NS, "exp", null, List.of(candidates), null));
  }

  private static void awaitState(TestWorkflowEnvironment env, String state) {
    ExperimentWorkflow stub = ExperimentStarter.existing(env.getWorkflowClient(), NS, "exp");
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
        .until(stub::status, s -> s.state().equals(state));
  }
}
