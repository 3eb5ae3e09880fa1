package io.trantor.workflows.testing;

import io.trantor.workflows.activity.DrainActivities;
import io.trantor.workflows.activity.DrainPlanOutcome;
import io.trantor.workflows.activity.DrainTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The drain activities over the {@link FakeCluster}: marking drains the fake replica, the plan
 * moves a model when another replica of the server has room for it, and the waits poll the fake
 * (in-flight requests are set by the test).
 */
public final class FakeDrains implements DrainActivities {
  private final CallLog log;
  private final FakeCluster cluster;
  private final AtomicLong inFlight = new AtomicLong();
  private volatile io.temporal.client.WorkflowClient client;

  FakeDrains(CallLog log, FakeCluster cluster) {
    this.log = log;
    this.cluster = cluster;
  }

  void client(io.temporal.client.WorkflowClient client) {
    this.client = client;
  }

  /** Requests the leaving replica serves now. */
  public void inFlight(long requests) {
    inFlight.set(requests);
  }

  @Override
  public void markUnschedulable(DrainTarget target) {
    log.add("unschedulable " + FakeCluster.slot(target.server(), target.replicaIndex()));
    cluster.drain(target.server(), target.replicaIndex());
  }

  @Override
  public DrainPlanOutcome planDrain(DrainTarget target) {
    List<String> moving = new ArrayList<>();
    List<String> staying = new ArrayList<>();
    for (String served : cluster.heldOn(target.server(), target.replicaIndex())) {
      String model = served.substring(0, served.lastIndexOf('_'));
      boolean room = cluster.slotsOf(target.server()).stream()
          .anyMatch(slot -> cluster.freeForNewModels(target.server(), Integer.parseInt(slot.substring(slot.indexOf('/') + 1)))
              >= 100);
      if (room) {
        moving.add(model);
      } else {
        staying.add(model + ": no replica of server " + target.server() + " has 100 bytes free");
      }
    }
    log.add("plan " + FakeCluster.slot(target.server(), target.replicaIndex()) + " moving " + moving + " staying "
        + staying.size());
    return new DrainPlanOutcome(moving, staying);
  }

  @Override
  public void tellModels(DrainTarget target, List<String> models) {
    for (String model : models) {
      io.trantor.workflows.model.ModelStarter.existing(client, target.namespace(), model)
          .replicaDraining(new io.trantor.workflows.model.ClusterChange(target.server(), target.replicaIndex(), false));
    }
  }

  @Override
  public List<String> awaitModelsGone(DrainTarget target, List<String> models, long waitMillis) {
    Supplier<List<String>> held = () -> cluster.heldOn(target.server(), target.replicaIndex()).stream()
        .map(s -> s.substring(0, s.lastIndexOf('_'))).filter(models::contains).toList();
    awaitUpTo(waitMillis, () -> held.get().isEmpty());
    return held.get();
  }

  @Override
  public long awaitIdle(DrainTarget target, long waitMillis) {
    awaitUpTo(waitMillis, () -> inFlight.get() == 0);
    return inFlight.get();
  }

  @Override
  public void releaseDrained(DrainTarget target) {
    log.add("released " + FakeCluster.slot(target.server(), target.replicaIndex()));
  }

  /** Waits until {@code condition} holds or {@code waitMillis} pass, as the real activity does (no failure on time-out). */
  private static void awaitUpTo(long waitMillis, Callable<Boolean> condition) {
    try {
      if (!condition.call() && waitMillis > 0) {
        Awaitility.await().atMost(Duration.ofMillis(waitMillis)).pollInterval(Duration.ofMillis(10)).until(condition);
      }
    } catch (ConditionTimeoutException e) {
      // the activity answers with what is left, as the real one does at its deadline
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
