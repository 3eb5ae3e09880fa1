package io.trantor.workflows.pipeline;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import io.trantor.workflows.activity.ActivityFailures;
import io.trantor.workflows.activity.PipelineActivities;
import io.trantor.workflows.activity.PipelineCheck;
import io.trantor.workflows.activity.PipelineVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;

/**
 * One pipeline as an entity workflow. Handlers record the wanted spec; the run loop rolls it out
 * (topics → gateways → wait for readiness), so activities never run concurrently and replays take
 * the same path. While not ready it polls the gateways' and models' state with a growing interval
 * (at most {@link #MAX_POLL}) and keeps the reason in its status.
 */
public final class PipelineWorkflowImpl implements PipelineWorkflow {
  private static final Logger log = Workflow.getLogger(PipelineWorkflowImpl.class);
  static final Duration FIRST_POLL = Duration.ofMillis(100);
  static final Duration MAX_POLL = Duration.ofSeconds(5);

  private final PipelineWorkflowInput input;
  private final PipelineActivities activities;
  private PipelineDeployment wanted;
  private PipelineVersion current;
  private PipelineVersion published; // what the gateways were handed (current may not be, yet)
  private long version;
  private boolean dirty;
  private boolean deleting;
  private boolean removed;
  private PipelineStatus status;

  @WorkflowInit
  public PipelineWorkflowImpl(PipelineWorkflowInput input) {
    this.input = input;
    this.status = new PipelineStatus(PipelineStatus.CREATING, "", 0, 0, "", List.of());
    PipelineWorkflowInput.Carried carried = input.carried();
    if (carried != null) {
      wanted = carried.wanted();
      version = carried.version();
      status = carried.status();
      if (carried.uid() != null && wanted != null) {
        current = new PipelineVersion(input.namespace(), input.name(), version, carried.uid(), wanted.specJson());
        published = current;
      }
    }
    this.activities = Workflow.newActivityStub(PipelineActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(90))
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofMillis(200))
            .setMaximumInterval(Duration.ofSeconds(10))
            .setDoNotRetry(ActivityFailures.NON_RETRYABLE.toArray(String[]::new))
            .build())
        .build());
  }

  @Override
  public void run(PipelineWorkflowInput ignored) {
    if (current != null && !PipelineStatus.READY.equals(status.state())) {
      awaitReady(current, wanted); // carried over mid-rollout
    }
    while (true) {
      Workflow.await(() -> dirty || deleting);
      if (deleting) {
        remove();
        return;
      }
      dirty = false;
      rollout(wanted);
      if (!dirty && !deleting && Workflow.getInfo().isContinueAsNewSuggested()) {
        continueAsNew();
      }
    }
  }

  private void rollout(PipelineDeployment deployment) {
    version++;
    PipelineVersion next = new PipelineVersion(
        input.namespace(), input.name(), version, uidOf(deployment), deployment.specJson());
    current = next;
    setStatus(PipelineStatus.CREATING, "creating topics", deployment, List.of());
    List<String> topics;
    try {
      topics = activities.createTopics(next);
    } catch (ActivityFailure e) {
      setStatus(PipelineStatus.FAILED, reason(e), deployment, List.of());
      log.warn("{}/{}: topics of version {} not created: {}", input.namespace(), input.name(), version, status.reason());
      return;
    }
    setStatus(PipelineStatus.CREATING, "starting the topology on the gateways", deployment, topics);
    activities.publishPipeline(next);
    published = next;
    awaitReady(next, deployment);
  }

  /** Polls until ready, a new spec, or delete; the status carries the latest reason. */
  private void awaitReady(PipelineVersion rolling, PipelineDeployment deployment) {
    Duration wait = FIRST_POLL;
    while (!dirty && !deleting) {
      PipelineCheck check = activities.checkPipeline(rolling, deployment.stepModels());
      if (check.ready()) {
        setStatus(PipelineStatus.READY, "", deployment, status.topics());
        log.info("{}/{}: version {} ready", input.namespace(), input.name(), rolling.version());
        return;
      }
      setStatus(check.failed() ? PipelineStatus.FAILED : PipelineStatus.CREATING, String.join("; ", check.problems()),
          deployment, status.topics());
      Workflow.await(wait, () -> dirty || deleting);
      wait = wait.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : wait.multipliedBy(2);
      if (!dirty && !deleting && Workflow.getInfo().isContinueAsNewSuggested() && Workflow.isEveryHandlerFinished()) {
        continueAsNew();
      }
    }
  }

  private void remove() {
    setStatus(PipelineStatus.TERMINATING, "", wanted, status.topics());
    activities.removePipeline(input.namespace(), input.name(), wanted != null && wanted.cleanTopicsOnDelete());
    removed = true;
    setStatus(PipelineStatus.TERMINATED, "", wanted, status.topics());
    log.info("{}/{}: pipeline removed", input.namespace(), input.name());
    Workflow.await(Workflow::isEveryHandlerFinished);
  }

  private void continueAsNew() {
    Workflow.await(Workflow::isEveryHandlerFinished);
    Workflow.continueAsNew(new PipelineWorkflowInput(input.namespace(), input.name(),
        new PipelineWorkflowInput.Carried(wanted, version, current == null ? null : current.uid(), status)));
  }

  private void setStatus(String state, String reason, PipelineDeployment deployment, List<String> topics) {
    status = new PipelineStatus(state, reason, deployment == null ? 0 : deployment.generation(), version,
        current == null ? "" : current.uid(), topics);
  }

  private static String reason(ActivityFailure e) {
    return e.getCause() instanceof ApplicationFailure f ? f.getOriginalMessage() : e.getMessage();
  }

  @Override
  public String apply(PipelineDeployment deployment) {
    String action = wanted == null ? "created" : sameSpec(wanted, deployment) ? "unchanged" : "configured";
    if (!action.equals("unchanged") || PipelineStatus.FAILED.equals(status.state())) {
      wanted = deployment;
      dirty = true;
    }
    log.info("{}/{}: apply generation {} {}", input.namespace(), input.name(), deployment.generation(), action);
    return action;
  }

  /**
   * The uid names the version's Kafka Streams application, hence its consumer group. Derived from
   * what the version is (namespace, name, generation, spec) rather than drawn at random, so that a
   * pipeline whose workflow was lost with a non-durable Temporal (`trantor up` restarted: the
   * stored spec is applied again at its stored generation) gets the same uid, resumes from its
   * committed offsets and answers no request twice. Histories from before take the old path.
   */
  private static String uidOf(PipelineDeployment deployment) {
    if (Workflow.getVersion("uid-from-spec", Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      return Workflow.randomUUID().toString();
    }
    String identity = deployment.namespace() + "/" + deployment.name() + "/" + deployment.generation() + "/"
        + deployment.specJson();
    return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static boolean sameSpec(PipelineDeployment a, PipelineDeployment b) {
    return Objects.equals(a.specJson(), b.specJson());
  }

  @Override
  public void validateApply(PipelineDeployment deployment) {
    if (deployment == null || !input.namespace().equals(deployment.namespace()) || !input.name().equals(deployment.name())) {
      throw new IllegalArgumentException("this workflow runs pipeline " + input.namespace() + "/" + input.name());
    }
    if (deleting) {
      throw new IllegalStateException("pipeline " + input.name() + " is being deleted");
    }
  }

  @Override
  public void delete() {
    deleting = true;
    Workflow.await(() -> removed);
  }

  @Override
  public PipelineStatus status() {
    return status;
  }

  @Override
  public PipelineVersion publishedVersion() {
    return removed ? null : published;
  }
}
