package io.trantor.control.internal;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.trantor.activities.AgentChannel;
import io.trantor.activities.ReplicaKey;
import io.trantor.activities.ReplicaSnapshot;
import io.trantor.control.live.ClusterState;
import io.trantor.protocol.control.AgentCommand;
import io.trantor.protocol.control.CommandResult;
import io.trantor.protocol.control.ListModels;
import io.trantor.protocol.control.UnloadModel;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unloads orphans: model versions an agent holds that no model workflow holds or reserved on that
 * replica. Recovery hands it what agents report when they register again; {@link #start} also asks
 * every connected agent what it holds, periodically, because an orphan can be born at any time (a
 * delete whose unload met a replica that was reconnecting, a load that finished after its workflow
 * gave up on it) and would otherwise stay loaded until the agent restarts.
 *
 * <p>Each orphan's unload is fenced in {@link ClusterState}: a workflow that reserves the same
 * version on the same replica meanwhile waits until the unload is done, so a stale report can
 * never unload a model that a workflow has just asked for again.
 */
public final class OrphanReconciler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OrphanReconciler.class);
  /** An agent that does not answer a list or an unload in this time is asked again next sweep. */
  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);

  private final ClusterState cluster;
  private final AgentChannel agents;
  private final Counter orphansUnloaded;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("trantor-orphan-sweep").daemon().factory());

  public OrphanReconciler(ClusterState cluster, AgentChannel agents, MeterRegistry meters) {
    this.cluster = requireNonNull(cluster, "cluster");
    this.agents = requireNonNull(agents, "agents");
    this.orphansUnloaded = Counter.builder(LiveStateRecovery.RECONCILED_METRIC)
        .description(LiveStateRecovery.RECONCILED_DESCRIPTION)
        .tag("action", "unload_orphan")
        .register(meters);
  }

  /** Sweeps every {@code interval} while {@code paused} is false (recovery reconciles on its own until it completes). */
  public void start(Duration interval, BooleanSupplier paused) {
    requireNonNull(paused, "paused");
    long millis = requireNonNull(interval, "interval").toMillis();
    try {
      executor.scheduleWithFixedDelay(() -> {
        if (!paused.getAsBoolean()) {
          sweep();
        }
      }, millis, millis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      log.debug("Closing; no sweep");
    }
  }

  /** Asks every connected replica what it holds and unloads its orphans; waits until the answers are in. */
  void sweep() {
    try {
      List<CompletableFuture<Void>> asked = cluster.namespaces().stream()
          .flatMap(namespace -> cluster.servers(namespace).stream()
              .flatMap(server -> cluster.replicas(namespace, server).stream()))
          .filter(ReplicaSnapshot::connected)
          .map(replica -> ask(replica.key()))
          .toList();
      CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new)).join();
    } catch (RuntimeException e) {
      log.warn("Orphan sweep failed; the next one tries again: {}", e.toString());
    }
  }

  private CompletableFuture<Void> ask(ReplicaKey key) {
    AgentCommand list = AgentCommand.newBuilder()
        .setCommandId("sweep-" + UUID.randomUUID())
        .setList(ListModels.getDefaultInstance())
        .build();
    return send(key, list).handle((result, failure) -> {
      if (failure != null || !result.getOk()) {
        // an agent that left or that cannot list (an older one) is looked at when it registers
        log.debug("Replica {} did not list its models: {}", key, failure != null ? failure : result.getError());
      } else {
        unloadOrphans(key, result.getLoadedModelsList().stream()
            .map(m -> m.getModelName() + "_" + m.getVersion())
            .toList());
      }
      return null;
    });
  }

  /** Unloads each of {@code reported} (served names, {@code <model>_<version>}) that nothing holds on the replica. */
  void unloadOrphans(ReplicaKey key, Collection<String> reported) {
    for (String served : reported) {
      int cut = served.lastIndexOf('_');
      long version;
      try {
        version = Long.parseLong(served.substring(cut + 1));
      } catch (RuntimeException e) {
        log.warn("Replica {} reports {}, which is not <model>_<version>; left alone", key, served);
        continue;
      }
      if (!cluster.fenceIfUnheld(key, served)) {
        continue;
      }
      log.warn("Replica {} holds {} but no model workflow wants it there: unloading the orphan", key, served);
      orphansUnloaded.increment();
      AgentCommand unload = AgentCommand.newBuilder()
          .setCommandId("reconcile-" + UUID.randomUUID())
          .setUnload(UnloadModel.newBuilder().setModelName(served.substring(0, cut)).setVersion(version))
          .build();
      send(key, unload).whenComplete((result, failure) -> {
        cluster.unfence(key, served);
        if (failure != null || !result.getOk()) {
          log.warn("Unloading orphan {} on {} failed: {}", served, key,
              failure != null ? failure.toString() : result.getError());
        }
      });
    }
  }

  private CompletableFuture<CommandResult> send(ReplicaKey key, AgentCommand command) {
    return agents.send(key.namespace(), key.server(), key.index(), command)
        .orTimeout(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
