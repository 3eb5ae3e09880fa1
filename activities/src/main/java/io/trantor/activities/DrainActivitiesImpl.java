package io.trantor.activities;

import static java.util.Objects.requireNonNull;

import io.trantor.compiler.placement.DrainPlan;
import io.trantor.compiler.placement.DrainPlanner;
import io.trantor.protocol.control.AgentCommand;
import io.trantor.protocol.control.CommandResult;
import io.trantor.protocol.control.GetLoad;
import io.trantor.workflows.activity.DrainActivities;
import io.trantor.workflows.activity.DrainPlanOutcome;
import io.trantor.workflows.activity.DrainTarget;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drain of a replica against the live view: marks it draining, plans with the compiler's
 * {@link DrainPlanner}, watches its holdings empty (each model's workflow releases them after it
 * unloaded there) and asks its agent how many requests it still serves.
 */
public final class DrainActivitiesImpl implements DrainActivities {
  private static final Logger log = LoggerFactory.getLogger(DrainActivitiesImpl.class);
  /** How often the waits look again; short, as a drain's every second is a second of shutdown. */
  static final Duration POLL = Duration.ofMillis(100);

  private final ReplicaLedger cluster;
  private final DrainBoard board;
  private final AgentChannel agents;
  private final Duration agentTimeout;
  private final ModelNotifier models;

  /** Tells a model's workflow that one of its server replicas is draining (the control plane signals it). */
  @FunctionalInterface
  public interface ModelNotifier {
    void replicaDraining(String namespace, String model, String server, int replicaIndex);
  }

  public DrainActivitiesImpl(ReplicaLedger cluster, DrainBoard board, AgentChannel agents, Duration agentTimeout,
      ModelNotifier models) {
    this.models = requireNonNull(models, "models");
    this.cluster = requireNonNull(cluster, "cluster");
    this.board = requireNonNull(board, "board");
    this.agents = requireNonNull(agents, "agents");
    this.agentTimeout = requireNonNull(agentTimeout, "agentTimeout");
  }

  @Override
  public void markUnschedulable(DrainTarget target) {
    board.setDraining(key(target), true);
    board.drainStep(key(target), "Unschedulable", "");
  }

  @Override
  public DrainPlanOutcome planDrain(DrainTarget target) {
    awaitSeeded();
    cluster.replica(key(target)).ifPresent(r -> {
      if (!r.connected() && !r.models().isEmpty()) {
        // Expected back after a control-plane restart: plan once its agent has registered again
        // (retried), or it is let go and its models are placed again anyway.
        throw new IllegalStateException("replica " + key(target) + " has not registered again yet");
      }
    });
    DrainPlan plan = DrainPlanner.plan(cluster.view(target.namespace()), target.server(), Set.of(target.replicaIndex()));
    List<String> moving = plan.moves().stream().map(DrainPlan.Move::model).sorted().toList();
    List<String> staying = plan.stays().stream().map(s -> s.model() + ": " + s.reason()).sorted().toList();
    board.drainStep(key(target), "MovingModels", String.join("; ", staying));
    log.info("Drain of {}: moving {}, staying {}", key(target), moving, staying);
    return new DrainPlanOutcome(moving, staying);
  }

  @Override
  public void tellModels(DrainTarget target, List<String> names) {
    board.setDraining(key(target), true);
    for (String name : names) {
      models.replicaDraining(target.namespace(), name, target.server(), target.replicaIndex());
    }
  }

  @Override
  public List<String> awaitModelsGone(DrainTarget target, List<String> models, long waitMillis) {
    awaitSeeded();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
    while (true) {
      // A replica that left holds nothing; one expected back after a restart holds what its models announced.
      List<String> held = cluster.replica(key(target))
          .map(r -> r.models().values().stream().map(ModelHolding::model).filter(models::contains).distinct().sorted()
              .toList())
          .orElse(List.of());
      if (held.isEmpty() || System.nanoTime() >= deadline) {
        return held;
      }
      pause();
    }
  }

  @Override
  public long awaitIdle(DrainTarget target, long waitMillis) {
    board.drainStep(key(target), "AwaitingInFlight", null);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
    while (true) {
      long inFlight = inFlight(target);
      if (inFlight == 0 || System.nanoTime() >= deadline) {
        return inFlight;
      }
      pause();
    }
  }

  @Override
  public void releaseDrained(DrainTarget target) {
    board.drainStep(key(target), "Released", null);
    log.info("Drain of {}: released", key(target));
  }

  /** The replica's in-flight requests; a replica that is gone serves none. */
  private long inFlight(DrainTarget target) {
    AgentCommand command = AgentCommand.newBuilder()
        .setCommandId(UUID.randomUUID().toString())
        .setLoadReport(GetLoad.getDefaultInstance())
        .build();
    try {
      CommandResult result = agents.send(target.namespace(), target.server(), target.replicaIndex(), command)
          .get(agentTimeout.toMillis(), TimeUnit.MILLISECONDS);
      return result.getInFlightRequests();
    } catch (ReplicaNotConnectedException e) {
      return 0;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ReplicaNotConnectedException) {
        return 0;
      }
      throw new IllegalStateException("asking " + key(target) + " for its load failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the agent of " + key(target) + " did not report its load within " + agentTimeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** A restarted control plane's view misses what is held until the workflows have re-announced it. */
  private void awaitSeeded() {
    try {
      if (!cluster.awaitSeeded(SEEDING_WAIT)) {
        throw new IllegalStateException("control plane recovering: the cluster view is not rebuilt yet");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the control plane recovers", e);
    }
  }

  private static final Duration SEEDING_WAIT = Duration.ofSeconds(2);

  private static ReplicaKey key(DrainTarget target) {
    return new ReplicaKey(target.namespace(), target.server(), target.replicaIndex());
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis()); // polling the live view up to the activity's own deadline
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
