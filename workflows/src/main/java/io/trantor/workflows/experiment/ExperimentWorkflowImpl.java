package io.trantor.workflows.experiment;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import io.trantor.workflows.activity.ActivityFailures;
import io.trantor.workflows.activity.ExperimentActivities;
import io.trantor.workflows.activity.ExperimentRoute;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * One experiment as an entity workflow. Handlers record the wanted spec; the run loop validates
 * and installs it, so activities never run concurrently and replays take the same path.
 */
public final class ExperimentWorkflowImpl implements ExperimentWorkflow {
  private static final Logger log = Workflow.getLogger(ExperimentWorkflowImpl.class);
  static final String PIPELINE_EXPERIMENTS = "pipeline-experiments";

  private final ExperimentWorkflowInput input;
  private final ExperimentActivities activities;
  private ExperimentDeployment wanted;
  private ExperimentDeployment installed;
  private boolean dirty;
  private boolean deleting;
  private boolean removed;
  private ExperimentStatus status;

  @WorkflowInit
  public ExperimentWorkflowImpl(ExperimentWorkflowInput input) {
    this.input = input;
    this.status = new ExperimentStatus(ExperimentStatus.PROGRESSING, "", 0);
    this.activities = Workflow.newActivityStub(ExperimentActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofMillis(100))
            .setMaximumInterval(Duration.ofSeconds(10))
            .setDoNotRetry(ActivityFailures.NON_RETRYABLE.toArray(String[]::new))
            .build())
        .build());
  }

  @Override
  public void run(ExperimentWorkflowInput ignored) {
    while (true) {
      Workflow.await(() -> dirty || deleting);
      if (deleting) {
        activities.removeExperiment(input.namespace(), input.name());
        removed = true;
        status = new ExperimentStatus(ExperimentStatus.TERMINATED, "", status.generation());
        log.info("{}/{}: experiment removed", input.namespace(), input.name());
        Workflow.await(Workflow::isEveryHandlerFinished);
        return;
      }
      dirty = false;
      install(wanted);
    }
  }

  private void install(ExperimentDeployment deployment) {
    status = new ExperimentStatus(ExperimentStatus.PROGRESSING, "", deployment.generation());
    List<String> problems = new ArrayList<>(problemsOf(deployment));
    if (problems.isEmpty()) {
      problems.addAll(activities.unknownModels(deployment.route()));
    }
    if (problems.isEmpty()) {
      try {
        activities.publishExperiment(deployment.route());
        installed = deployment;
        status = new ExperimentStatus(ExperimentStatus.READY, "experiment active", deployment.generation());
        log.info("{}/{}: experiment ready (generation {})", input.namespace(), input.name(), deployment.generation());
        return;
      } catch (ActivityFailure e) {
        problems.add(e.getCause() instanceof ApplicationFailure f ? f.getOriginalMessage() : e.getMessage());
      }
    }
    if (installed != null) {
      // The last good route stays in place; a spec that cannot be routed must not break traffic.
      problems.add("the previous spec (generation " + installed.generation() + ") still routes");
    }
    status = new ExperimentStatus(ExperimentStatus.FAILED, String.join("; ", problems), deployment.generation());
    log.warn("{}/{}: experiment failed: {}", input.namespace(), input.name(), status.reason());
  }

  /** What the workflow itself can tell is wrong with a spec. */
  static List<String> problemsOf(ExperimentDeployment deployment) {
    List<String> problems = new ArrayList<>();
    if ("pipeline".equals(deployment.resourceType())
        && Workflow.getVersion(PIPELINE_EXPERIMENTS, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      // Histories recorded before pipeline experiments were routed replay the refusal they made.
      problems.add("pipelines are not supported yet");
      return problems;
    }
    ExperimentRoute route = deployment.route();
    if (route.candidates().isEmpty()) {
      problems.add("an experiment needs at least one candidate");
    }
    for (ExperimentRoute.Candidate candidate : route.candidates()) {
      if (candidate.weight() <= 0) {
        problems.add("candidate " + candidate.model() + ": weight must be > 0, not " + candidate.weight());
      }
    }
    if (route.mirror() != null && (route.mirror().percent() < 0 || route.mirror().percent() > 100)) {
      problems.add("mirror " + route.mirror().model() + ": percent must be 0 to 100");
    }
    return problems;
  }

  @Override
  public String apply(ExperimentDeployment deployment) {
    String action = wanted == null ? "created" : sameSpec(wanted, deployment) ? "unchanged" : "configured";
    if (!action.equals("unchanged") || ExperimentStatus.FAILED.equals(status.state())) {
      wanted = deployment;
      dirty = true;
    }
    log.info("{}/{}: apply generation {} {}", input.namespace(), input.name(), deployment.generation(), action);
    return action;
  }

  private static boolean sameSpec(ExperimentDeployment a, ExperimentDeployment b) {
    return Objects.equals(a.resourceType(), b.resourceType()) && a.route().equals(b.route());
  }

  @Override
  public void validateApply(ExperimentDeployment deployment) {
    if (deployment == null || !input.namespace().equals(deployment.namespace())
        || !input.name().equals(deployment.name())) {
      throw new IllegalArgumentException("this workflow runs experiment " + input.namespace() + "/" + input.name());
    }
    if (deleting) {
      throw new IllegalStateException("experiment " + input.name() + " is being deleted");
    }
  }

  @Override
  public void delete() {
    deleting = true;
    Workflow.await(() -> removed);
  }

  @Override
  public ExperimentStatus status() {
    return status;
  }

  @Override
  public ExperimentRoute publishedRoute() {
    return removed || installed == null ? null : installed.route();
  }
}
