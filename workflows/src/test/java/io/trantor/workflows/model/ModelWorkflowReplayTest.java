package io.trantor.workflows.model;

import static io.trantor.workflows.testing.WorkflowTestKit.deployment;
import static io.trantor.workflows.testing.WorkflowTestKit.withReplicas;
import static io.trantor.workflows.testing.WorkflowTestKit.withStorageUri;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.trantor.workflows.testing.WorkflowTestKit;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Replays histories with the current code: a non-deterministic change to the workflow fails here
 * instead of in a running control plane. Every workflow change that alters the commands it emits
 * adds a history under {@code src/test/resources/histories/ModelWorkflow/} (written by the first
 * test when {@code -Dtrantor.histories.out=<dir>} is set) and goes through
 * {@code Workflow.getVersion}.
 */
class ModelWorkflowReplayTest {
  private static final String NS = "seldon-mesh";
  private static final String IRIS = "iris";
  private static final String HISTORIES = "/histories/ModelWorkflow";

  @Test
  void freshHistoryOfAWholeLifeReplaysWithTheCurrentCode() throws Exception {
    WorkflowExecutionHistory history;
    try (WorkflowTestKit kit = WorkflowTestKit.start(WorkflowTestKit.fastOptions())) {
      kit.cluster().addServer("mlserver", 3, 1000);
      ModelDeployment iris = deployment(NS, IRIS, "gs://models/iris/1", 2);
      kit.apply(iris);
      kit.awaitState(NS, IRIS, "ModelAvailable");
      kit.apply(withStorageUri(iris, "gs://models/iris/2"));
      kit.awaitState(NS, IRIS, "ModelAvailable");
      kit.apply(withReplicas(withStorageUri(iris, "gs://models/iris/2"), 1));
      kit.awaitState(NS, IRIS, "ModelAvailable");
      kit.model(NS, IRIS).delete();
      kit.awaitCompletion(NS, IRIS);
      history = kit.history(NS, IRIS);
    }

    WorkflowReplayer.replayWorkflowExecution(history, ModelWorkflowImpl.class);

    String out = System.getProperty("trantor.histories.out");
    if (out != null) {
      Files.writeString(Path.of(out, "apply-switch-scale-delete.json"), history.toJson(true));
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
      WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(Files.readString(file));
      WorkflowReplayer.replayWorkflowExecution(history, ModelWorkflowImpl.class);
    }
  }
}
