package io.trantor.workflows.server;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import io.trantor.workflows.activity.ActivityFailures;
import io.trantor.workflows.activity.DrainActivities;
import io.trantor.workflows.activity.DrainPlanOutcome;
import io.trantor.workflows.activity.DrainTarget;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;

/**
 * Drains the server's leaving replicas one order at a time. The models move through their own
 * workflows (told that the replica is draining, each loads elsewhere, takes the route, waits
 * for the gateways, then unloads here), so a model's books stay with its ModelWorkflow; this
 * workflow orders the steps and waits, all capped by the order's grace period. Idle runs
 * continue-as-new after {@link #ORDERS_BEFORE_CONTINUE_AS_NEW} orders.
 */
public final class ServerWorkflowImpl implements ServerWorkflow {
  private static final Logger log = Workflow.getLogger(ServerWorkflowImpl.class);
  static final int ORDERS_BEFORE_CONTINUE_AS_NEW = 50;
  /** Outcomes kept for status; older ones are dropped at continue-as-new. */
  static final int DRAINS_KEPT = 20;
  /**
   * Longest single wait inside an activity; the workflow loops until its deadline. Short, because
   * a wait on a worker that died is retried only after its start-to-close timeout.
   */
  static final Duration WAIT_SLICE = Duration.ofSeconds(2);
  /** Every this many waits, the models still on the replica are told again. */
  static final int WAITS_PER_RETELL = 5;

  private final String namespace;
  private final String name;
  private final Deque<DrainOrder> queued = new ArrayDeque<>();
  private final List<ReplicaDrain> drains = new ArrayList<>();
  private final DrainActivities activities;
  private int orders;

  @WorkflowInit
  public ServerWorkflowImpl(ServerWorkflowInput input) {
    this.namespace = input.namespace();
    this.name = input.name();
    queued.addAll(input.queued());
    drains.addAll(input.drains());
    this.activities = Workflow.newActivityStub(DrainActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(WAIT_SLICE.plusSeconds(5))
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofMillis(500))
            .setMaximumInterval(Duration.ofSeconds(5))
            .setDoNotRetry(ActivityFailures.NON_RETRYABLE.toArray(String[]::new))
            .build())
        .build());
  }

  @Override
  public void run(ServerWorkflowInput ignored) {
    while (true) {
      Workflow.await(() -> !queued.isEmpty() || orders >= ORDERS_BEFORE_CONTINUE_AS_NEW
          || Workflow.getInfo().isContinueAsNewSuggested());
      if (!queued.isEmpty()) {
        carryOut(queued.peekFirst());
        queued.pollFirst();
        orders++;
        continue;
      }
      Workflow.await(Workflow::isEveryHandlerFinished);
      if (queued.isEmpty()) {
        List<ReplicaDrain> kept = drains.subList(Math.max(0, drains.size() - DRAINS_KEPT), drains.size());
        Workflow.continueAsNew(new ServerWorkflowInput(namespace, name, List.copyOf(queued), List.copyOf(kept)));
      }
    }
  }

  @Override
  public void drain(DrainOrder order) {
    queued.addLast(order);
    drains.add(new ReplicaDrain(order.id(), order.replicaIndex(), "Queued", List.of(), List.of(), false));
  }

  @Override
  public List<ReplicaDrain> status() {
    return List.copyOf(drains);
  }

  private void carryOut(DrainOrder order) {
    DrainTarget target = new DrainTarget(namespace, name, order.replicaIndex());
    long deadline = Workflow.currentTimeMillis() + order.gracePeriodSeconds() * 1000;
    log.info("{}/{}: draining replica {} (grace {} s)", namespace, name, order.replicaIndex(), order.gracePeriodSeconds());
    activities.markUnschedulable(target);
    record(order, "Unschedulable", List.of(), List.of(), false);
    DrainPlanOutcome plan = activities.planDrain(target);
    record(order, "MovingModels", List.of(), plan.staying(), false);
    List<String> models = plan.models();
    activities.tellModels(target, models);
    // Models that fit nowhere stay served here until the deadline; one that finds room later
    // (a replica joined) moves like the others.
    List<String> left = models;
    int waits = 0;
    while (!left.isEmpty() && Workflow.currentTimeMillis() < deadline) {
      left = activities.awaitModelsGone(target, left, slice(deadline));
      if (!left.isEmpty() && Workflow.currentTimeMillis() < deadline && ++waits % WAITS_PER_RETELL == 0) {
        // Again, for what is still there: a control plane that restarted meanwhile lost the
        // unschedulable mark, and a model it placed then stayed. Telling is idempotent.
        activities.tellModels(target, left);
      }
    }
    List<String> remaining = left;
    List<String> moved = models.stream().filter(m -> !remaining.contains(m)).toList();
    List<String> stayed =
        plan.staying().stream().filter(s -> remaining.contains(s.substring(0, s.indexOf(':')))).toList();
    boolean timedOut = !remaining.isEmpty();
    record(order, "AwaitingInFlight", moved, stayed, timedOut);
    long inFlight = 1;
    while (inFlight > 0 && Workflow.currentTimeMillis() < deadline) {
      inFlight = activities.awaitIdle(target, slice(deadline));
    }
    timedOut |= inFlight > 0;
    try {
      activities.releaseDrained(target);
    } catch (ActivityFailure f) {
      log.warn("{}/{}: releasing replica {} failed: {}", namespace, name, order.replicaIndex(), f.getMessage());
    }
    record(order, ReplicaDrain.RELEASED, moved, stayed, timedOut);
    log.info("{}/{}: replica {} released (moved {}, stayed {}, timed out {})", namespace, name, order.replicaIndex(),
        moved, stayed, timedOut);
  }

  private static long slice(long deadline) {
    return Math.max(0, Math.min(WAIT_SLICE.toMillis(), deadline - Workflow.currentTimeMillis()));
  }

  private void record(DrainOrder order, String step, List<String> moved, List<String> stayed, boolean timedOut) {
    for (int i = drains.size() - 1; i >= 0; i--) {
      if (drains.get(i).orderId().equals(order.id())) {
        drains.set(i, new ReplicaDrain(order.id(), order.replicaIndex(), step, moved, stayed, timedOut));
        return;
      }
    }
  }
}
