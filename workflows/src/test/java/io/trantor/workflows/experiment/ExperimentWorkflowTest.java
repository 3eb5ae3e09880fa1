package io.trantor.workflows.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.trantor.workflows.TaskQueues;
import io.trantor.workflows.activity.ExperimentRoute;
import io.trantor.workflows.activity.ExperimentRoute.Candidate;
import io.trantor.workflows.activity.ExperimentRoute.Mirror;
import io.trantor.workflows.testing.FakeExperiments;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExperimentWorkflowTest {
  private static final String NS = "seldon-mesh";

  private TestWorkflowEnvironment env;
  private final FakeExperiments fakes = new FakeExperiments();

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(TaskQueues.CONTROL);
    ExperimentWorker.register(worker);
    worker.registerActivitiesImplementations(fakes);
    env.start();
    fakes.addModel(NS, "iris");
    fakes.addModel(NS, "iris2");
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private static ExperimentDeployment deployment(long generation, String defaultModel, Mirror mirror,
      Candidate... candidates) {
    return new ExperimentDeployment(generation, "model",
        new ExperimentRoute(NS, "exp", defaultModel, List.of(candidates), mirror));
  }

  private ExperimentStatus awaitState(String name, String state) {
    ExperimentWorkflow stub = ExperimentStarter.existing(env.getWorkflowClient(), NS, name);
    return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
        .until(stub::status, s -> s.state().equals(state));
  }

  @Test
  void installsTheRouteAndBecomesReadyWhenEveryCandidateIsAModel() {
    ExperimentDeployment d = deployment(1, "iris", new Mirror("iris2", 10), new Candidate("iris", 50),
        new Candidate("iris2", 50));

    assertThat(ExperimentStarter.apply(env.getWorkflowClient(), d)).isEqualTo("created");

    ExperimentStatus status = awaitState("exp", ExperimentStatus.READY);
    assertThat(status.generation()).isEqualTo(1);
    assertThat(fakes.route(NS, "exp")).isEqualTo(d.route());
  }

  @Test
  void failsWithAReasonWhenACandidateIsNotAModel() {
    ExperimentStarter.apply(env.getWorkflowClient(),
        deployment(1, null, null, new Candidate("iris", 50), new Candidate("nope", 50)));

    ExperimentStatus status = awaitState("exp", ExperimentStatus.FAILED);
    assertThat(status.reason()).contains("model nope not found");
    assertThat(fakes.route(NS, "exp")).isNull();
  }

  @Test
  void routesPipelineExperimentsBetweenPipelines() {
    fakes.addPipeline(NS, "pipeline-add10");
    fakes.addPipeline(NS, "pipeline-mul10");
    ExperimentDeployment d = new ExperimentDeployment(1, "pipeline", new ExperimentRoute(NS, "addmul10",
        "pipeline-add10", List.of(new Candidate("pipeline-add10", 50), new Candidate("pipeline-mul10", 50)),
        null, true));

    ExperimentStarter.apply(env.getWorkflowClient(), d);

    assertThat(awaitState("addmul10", ExperimentStatus.READY).reason()).isEqualTo("experiment active");
    assertThat(fakes.route(NS, "addmul10")).isEqualTo(d.route());
  }

  @Test
  void failsAPipelineExperimentWhoseCandidateIsAModelNotAPipeline() {
    ExperimentStarter.apply(env.getWorkflowClient(), new ExperimentDeployment(1, "pipeline",
        new ExperimentRoute(NS, "exp", null, List.of(new Candidate("iris", 50)), null, true)));

    assertThat(awaitState("exp", ExperimentStatus.FAILED).reason()).isEqualTo("pipeline iris not found");
    assertThat(fakes.route(NS, "exp")).isNull();
  }

  @Test
  void failsNonPositiveWeights() {
    ExperimentStarter.apply(env.getWorkflowClient(),
        new ExperimentDeployment(1, "model", new ExperimentRoute(NS, "zero", null, List.of(new Candidate("iris", 0)), null)));
    assertThat(awaitState("zero", ExperimentStatus.FAILED).reason()).contains("weight must be > 0");
  }

  @Test
  void refusesASecondExperimentOnTheSameDefault() {
    ExperimentStarter.apply(env.getWorkflowClient(), deployment(1, "iris", null, new Candidate("iris", 1)));
    awaitState("exp", ExperimentStatus.READY);

    ExperimentStarter.apply(env.getWorkflowClient(), new ExperimentDeployment(1, "model",
        new ExperimentRoute(NS, "other", "iris", List.of(new Candidate("iris", 1)), null)));

    assertThat(awaitState("other", ExperimentStatus.FAILED).reason())
        .contains("already the default of experiment exp");
  }

  @Test
  void updateReplacesTheRoute() {
    ExperimentStarter.apply(env.getWorkflowClient(),
        deployment(1, null, null, new Candidate("iris", 50), new Candidate("iris2", 50)));
    awaitState("exp", ExperimentStatus.READY);

    ExperimentDeployment changed = deployment(2, null, null, new Candidate("iris", 90), new Candidate("iris2", 10));
    assertThat(ExperimentStarter.apply(env.getWorkflowClient(), changed)).isEqualTo("configured");

    await().atMost(Duration.ofSeconds(20)).until(() -> changed.route().equals(fakes.route(NS, "exp")));
    assertThat(awaitState("exp", ExperimentStatus.READY).generation()).isEqualTo(2);
  }

  @Test
  void deleteRemovesTheRouteAndEndsTheWorkflow() throws Exception {
    ExperimentStarter.apply(env.getWorkflowClient(), deployment(1, "iris", null, new Candidate("iris", 1)));
    awaitState("exp", ExperimentStatus.READY);

    ExperimentStarter.existing(env.getWorkflowClient(), NS, "exp").delete();

    assertThat(fakes.route(NS, "exp")).isNull();
    env.getWorkflowClient().newUntypedWorkflowStub(ExperimentWorkflow.workflowId(NS, "exp"))
        .getResultAsync(Void.class).get(20, TimeUnit.SECONDS);
  }
}
