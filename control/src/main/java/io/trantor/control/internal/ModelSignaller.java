package io.trantor.control.internal;

import static java.util.Objects.requireNonNull;

import io.trantor.control.live.ClusterListener;
import io.trantor.activities.ReplicaSnapshot;
import io.trantor.workflows.model.ClusterChange;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells model workflows about replicas joining and leaving: a join goes to every model of the
 * namespace (so ScheduleFailed models try again), a leave to the models that were there. Signals
 * are sent in order from one thread, never from the agent stream's thread.
 */
public final class ModelSignaller implements ClusterListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ModelSignaller.class);

  private final ModelWorkflows models;
  private final ResourceRegistry registry;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name("trantor-cluster-signals").daemon().factory());

  public ModelSignaller(ModelWorkflows models, ResourceRegistry registry) {
    this(models, registry, LiveStateGate.open());
  }

  /** Signals nothing until {@code gate} opens: the registry and the cluster view are rebuilt first. */
  public ModelSignaller(ModelWorkflows models, ResourceRegistry registry, LiveStateGate gate) {
    this.models = requireNonNull(models, "models");
    this.registry = requireNonNull(registry, "registry");
    requireNonNull(gate, "gate");
    submit(() -> {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  @Override
  public void replicaJoined(ReplicaSnapshot replica) {
    String namespace = replica.key().namespace();
    ClusterChange lost = new ClusterChange(replica.key().server(), replica.key().index(), true);
    ClusterChange joined = new ClusterChange(replica.key().server(), replica.key().index(), false);
    // A replica that (re)joins without a model that a workflow still believes is there (its
    // process restarted while this control plane, or Temporal, kept the old state) has lost it:
    // say so first, so the workflow places it again instead of routing to an empty replica.
    Set<String> held = new java.util.HashSet<>();
    for (String served : replica.info().loadedModels()) {
      int cut = served.lastIndexOf('_');
      held.add(cut > 0 ? served.substring(0, cut) : served);
    }
    submit(
        () -> {
          List<String> names = registry.modelNames(namespace);
          signal(namespace, names.stream().filter(n -> !held.contains(n)).toList(), lost);
          signal(namespace, names, joined);
        });
  }

  @Override
  public void replicaLeft(ReplicaSnapshot replica, Set<String> modelNames) {
    String namespace = replica.key().namespace();
    ClusterChange change = new ClusterChange(replica.key().server(), replica.key().index(), true);
    List<String> names = modelNames.stream().sorted().toList();
    submit(() -> signal(namespace, names, change));
  }

  private void submit(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      log.debug("Control plane closing; cluster change not signalled");
    }
  }

  private void signal(String namespace, List<String> names, ClusterChange change) {
    for (String name : names) {
      try {
        models.clusterChanged(namespace, name, change);
      } catch (RuntimeException e) {
        log.warn("Could not signal {} to model {}/{}: {}", change, namespace, name, e.toString());
      }
    }
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
