package io.trantor.workflows.testing;

import io.temporal.failure.ApplicationFailure;
import io.trantor.workflows.activity.ActivityFailures;
import io.trantor.workflows.activity.AgentActivities;
import io.trantor.workflows.activity.LoadRequest;
import io.trantor.workflows.activity.UnloadRequest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The agents of every server replica of a {@link FakeCluster}: they remember what is loaded where,
 * refuse calls on lost replicas ({@code ReplicaGone}), fail loads of a model when told to
 * ({@code LoadFailed} with the given reason), and can hold unloads until released.
 */
public final class FakeAgents implements AgentActivities {
  private final CallLog log;
  private final FakeCluster cluster;
  private final Set<String> loaded = new HashSet<>();
  private final Map<String, String> failingLoads = new HashMap<>();
  private final Set<String> vanishing = new HashSet<>();
  private volatile CompletableFuture<Void> unloadGate = CompletableFuture.completedFuture(null);

  FakeAgents(CallLog log, FakeCluster cluster) {
    this.log = log;
    this.cluster = cluster;
  }

  /** Loads of {@code model} (any version) fail with {@code reason}, every attempt. */
  public synchronized void failLoads(String model, String reason) {
    failingLoads.put(model, reason);
  }

  /**
   * The replica's agent disconnects as the next load reaches it, before placement hears of it:
   * the load answers {@code ReplicaGone}.
   */
  public synchronized void vanishOnLoad(String server, int index) {
    vanishing.add(FakeCluster.slot(server, index));
  }

  public synchronized void healLoads(String model) {
    failingLoads.remove(model);
  }

  /** Unloads block until {@link #releaseUnloads()}. */
  public void holdUnloads() {
    unloadGate = new CompletableFuture<>();
  }

  public void releaseUnloads() {
    unloadGate.complete(null);
  }

  /** {@code model_version on server/idx} entries currently loaded. */
  public synchronized Set<String> loaded() {
    return Set.copyOf(loaded);
  }

  @Override
  public void load(LoadRequest request) {
    String what = request.model() + "_" + request.version();
    String where = FakeCluster.slot(request.replica().server(), request.replica().replicaIndex());
    log.add("load " + what + " on " + where);
    synchronized (this) {
      if (vanishing.remove(where)) {
        cluster.lose(request.replica().server(), request.replica().replicaIndex());
      }
    }
    if (cluster.isDown(request.replica())) {
      throw ApplicationFailure.newNonRetryableFailure("replica " + where + " is gone",
          ActivityFailures.REPLICA_GONE);
    }
    synchronized (this) {
      String reason = failingLoads.get(request.model());
      if (reason != null) {
        throw ApplicationFailure.newFailure(reason, ActivityFailures.LOAD_FAILED);
      }
      loaded.add(what + " on " + where);
    }
  }

  @Override
  public void unload(UnloadRequest request) {
    String what = request.model() + "_" + request.version();
    String where = FakeCluster.slot(request.replica().server(), request.replica().replicaIndex());
    try {
      unloadGate.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("unload gate never opened", e);
    }
    log.add("unload " + what + " on " + where);
    if (cluster.isDown(request.replica())) {
      throw ApplicationFailure.newNonRetryableFailure("replica " + where + " is gone",
          ActivityFailures.REPLICA_GONE);
    }
    synchronized (this) {
      loaded.remove(what + " on " + where);
    }
  }
}
