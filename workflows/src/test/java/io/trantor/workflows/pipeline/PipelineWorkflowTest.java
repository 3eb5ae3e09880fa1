package io.trantor.workflows.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.trantor.workflows.TaskQueues;
import io.trantor.workflows.testing.FakePipelines;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PipelineWorkflowTest {
  private static final String NS = "default";

  private TestWorkflowEnvironment env;
  private final FakePipelines fakes = new FakePipelines();

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(TaskQueues.CONTROL);
    PipelineWorker.register(worker);
    worker.registerActivitiesImplementations(fakes);
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private static PipelineDeployment deployment(long generation, String spec, String... models) {
    return new PipelineDeployment(NS, "tfsimples", generation, spec, List.of(models), false);
  }

  private PipelineStatus awaitStatus(java.util.function.Predicate<PipelineStatus> condition) {
    PipelineWorkflow stub = PipelineStarter.existing(env.getWorkflowClient(), NS, "tfsimples");
    return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
        .until(stub::status, condition);
  }

  @Test
  void saysWhichStepModelIsMissingThenBecomesReadyWhenItIsAvailable() {
    fakes.makeAvailable("tfsimple1");
    assertThat(PipelineStarter.apply(env.getWorkflowClient(), deployment(1, "{v1}", "tfsimple1", "tfsimple2"))).isEqualTo("created");

    PipelineStatus waiting = awaitStatus(s -> s.reason().contains("step tfsimple2: model not available"));
    assertThat(waiting.state()).isEqualTo(PipelineStatus.CREATING);
    assertThat(waiting.topics()).contains("seldon.default.pipeline.tfsimples.inputs");
    assertThat(fakes.published(NS, "tfsimples").version()).isEqualTo(1);

    fakes.makeAvailable("tfsimple2");
    PipelineStatus ready = awaitStatus(s -> s.state().equals(PipelineStatus.READY));
    assertThat(ready.version()).isEqualTo(1);
    assertThat(ready.uid()).isEqualTo(fakes.published(NS, "tfsimples").uid());
  }

  @Test
  void reportsThatNoGatewayRunsTheTopology() {
    fakes.makeAvailable("m");
    fakes.gatewayRunning(false);
    PipelineStarter.apply(env.getWorkflowClient(), deployment(1, "{v1}", "m"));
    assertThat(awaitStatus(s -> s.reason().contains("no gateway")).state()).isEqualTo(PipelineStatus.CREATING);
    fakes.gatewayRunning(true);
    awaitStatus(s -> s.state().equals(PipelineStatus.READY));
  }

  @Test
  void aChangedSpecIsANewVersionWithANewUidAndAnUnchangedOneIsNot() {
    fakes.makeAvailable("m");
    PipelineStarter.apply(env.getWorkflowClient(), deployment(1, "{v1}", "m"));
    PipelineStatus first = awaitStatus(s -> s.state().equals(PipelineStatus.READY));

    assertThat(PipelineStarter.apply(env.getWorkflowClient(), deployment(1, "{v1}", "m"))).isEqualTo("unchanged");
    assertThat(PipelineStarter.apply(env.getWorkflowClient(), deployment(2, "{v2}", "m"))).isEqualTo("configured");

    PipelineStatus second = awaitStatus(s -> s.state().equals(PipelineStatus.READY) && s.version() == 2);
    assertThat(second.uid()).isNotEqualTo(first.uid());
    assertThat(fakes.published(NS, "tfsimples").specJson()).isEqualTo("{v2}");
  }

  @Test
  void aWorkflowStartedAgainForTheSameSpecAndGenerationGetsTheSameUid() {
    // What a restart of `trantor up` does: its Temporal lost the workflow, the stored spec comes
    // back at its stored generation. The same uid keeps the version's consumer group and offsets.
    fakes.makeAvailable("m");
    PipelineStarter.apply(env.getWorkflowClient(), deployment(3, "{v3}", "m"));
    PipelineStatus before = awaitStatus(s -> s.state().equals(PipelineStatus.READY));
    env.getWorkflowClient().newUntypedWorkflowStub(PipelineWorkflow.workflowId(NS, "tfsimples")).terminate("lost");

    assertThat(PipelineStarter.apply(env.getWorkflowClient(), deployment(3, "{v3}", "m"))).isEqualTo("created");
    PipelineStatus after = awaitStatus(s -> s.state().equals(PipelineStatus.READY));
    assertThat(after.version()).isEqualTo(1);
    assertThat(after.uid()).isEqualTo(before.uid());
    assertThat(fakes.published(NS, "tfsimples").uid()).isEqualTo(before.uid());
  }

  @Test
  void aSpecThatCannotBePlannedFailsWithTheReason() {
    fakes.unplannable("bad");
    PipelineStarter.apply(env.getWorkflowClient(), deployment(1, "{bad}", "m"));
    PipelineStatus failed = awaitStatus(s -> s.state().equals(PipelineStatus.FAILED));
    assertThat(failed.reason()).isEqualTo("cannot plan: bad");
    assertThat(fakes.published(NS, "tfsimples")).isNull();
  }

  @Test
  void deleteTakesThePipelineOffTheGatewaysAndCleansTopicsOnlyWhenAsked() {
    fakes.makeAvailable("m");
    PipelineStarter.apply(env.getWorkflowClient(), new PipelineDeployment(NS, "tfsimples", 1, "{v1}", List.of("m"), true));
    awaitStatus(s -> s.state().equals(PipelineStatus.READY));

    PipelineStarter.existing(env.getWorkflowClient(), NS, "tfsimples").delete();

    assertThat(fakes.published(NS, "tfsimples")).isNull();
    assertThat(fakes.calls()).contains("remove tfsimples with topics");
  }
}
