package io.trantor.activities;

import static java.util.Objects.requireNonNull;

import io.trantor.compiler.placement.ClusterView;
import io.trantor.compiler.placement.ModelDemand;
import io.trantor.compiler.placement.PlacementDecision;
import io.trantor.compiler.placement.Placer;
import io.trantor.workflows.activity.PlacementActivities;
import io.trantor.workflows.activity.PlacementOutcome;
import io.trantor.workflows.activity.PlacementRequest;
import io.trantor.workflows.activity.ReleaseRequest;
import io.trantor.workflows.activity.ReplicaTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Placement against the {@link ReplicaLedger}: one lock per namespace serialises decide-and-reserve, so
 * two models never take the same free memory; the decision itself is the compiler's
 * {@link Placer}.
 */
public final class PlacementActivitiesImpl implements PlacementActivities {
  private static final Logger log = LoggerFactory.getLogger(PlacementActivitiesImpl.class);

  private final ReplicaLedger cluster;
  private final BiFunction<ModelDemand, ClusterView, PlacementDecision> placer;
  private final ConcurrentMap<String, Object> namespaceLocks = new ConcurrentHashMap<>();

  public PlacementActivitiesImpl(ReplicaLedger cluster) {
    this(cluster, Placer::place);
  }

  /** With another placement function (tests). */
  public PlacementActivitiesImpl(
      ReplicaLedger cluster, BiFunction<ModelDemand, ClusterView, PlacementDecision> placer) {
    this.cluster = requireNonNull(cluster, "cluster");
    this.placer = requireNonNull(placer, "placer");
  }

  /** The compiler's demand for a placement request. */
  static ModelDemand demandOf(PlacementRequest request) {
    return new ModelDemand(
        request.model(),
        request.requirements() == null ? List.of() : request.requirements(),
        request.memoryBytes(),
        request.replicas(),
        request.minReplicas(),
        blankToNull(request.server()),
        blankToNull(request.currentServer()));
  }

  @Override
  public PlacementOutcome place(PlacementRequest request) {
    requireNonNull(request, "request");
    awaitSeeded();
    synchronized (lockOf(request.namespace())) {
      PlacementDecision decision = placer.apply(demandOf(request), cluster.view(request.namespace()));
      return switch (decision) {
        case PlacementDecision.Failed failed -> {
          log.info("Model {}/{} v{} not placed: {}", request.namespace(), request.model(), request.version(), failed.reason());
          yield PlacementOutcome.failed(failed.reason());
        }
        case PlacementDecision.Placed placed -> reserve(request, placed);
      };
    }
  }

  private PlacementOutcome reserve(PlacementRequest request, PlacementDecision.Placed placed) {
    List<ReplicaTarget> targets = new ArrayList<>();
    for (int index : placed.replicaIndexes()) {
      ReplicaKey key = new ReplicaKey(request.namespace(), placed.server(), index);
      if (!cluster.reserve(key, request.model(), request.version(), request.memoryBytes())) {
        // The view was taken under our lock, but an agent may have left since.
        continue;
      }
      String endpoint = cluster.replica(key).map(r -> r.info().endpoint()).orElse("");
      targets.add(new ReplicaTarget(placed.server(), index, endpoint));
    }
    if (targets.isEmpty() && !placed.replicaIndexes().isEmpty()) {
      return PlacementOutcome.failed("the chosen replicas of server " + placed.server() + " left");
    }
    log.info("Model {}/{} v{} placed on {} replicas {}", request.namespace(), request.model(), request.version(),
        placed.server(), placed.replicaIndexes());
    return PlacementOutcome.placed(placed.server(), targets);
  }

  @Override
  public void release(ReleaseRequest request) {
    requireNonNull(request, "request");
    awaitSeeded();
    synchronized (lockOf(request.namespace())) {
      for (ReplicaTarget target : request.replicas()) {
        cluster.release(
            new ReplicaKey(request.namespace(), target.server(), target.replicaIndex()),
            request.model(),
            request.version());
      }
    }
  }

  /** A restarted control plane decides nothing until its view holds what the workflows hold. */
  private void awaitSeeded() {
    try {
      if (!cluster.awaitSeeded(SEEDING_WAIT)) {
        // Retryable: the workflow tries again once the view is complete.
        throw new IllegalStateException("control plane recovering: the cluster view is not rebuilt yet");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the control plane recovers", e);
    }
  }

  private static final java.time.Duration SEEDING_WAIT = java.time.Duration.ofSeconds(20);

  private Object lockOf(String namespace) {
    return namespaceLocks.computeIfAbsent(namespace, ns -> new Object());
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
