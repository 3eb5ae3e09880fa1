package io.trantor.control.internal;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.trantor.control.live.ClusterListener;
import io.trantor.control.live.ClusterState;
import io.trantor.control.live.PipelineTable;
import io.trantor.activities.ReplicaKey;
import io.trantor.activities.ReplicaSnapshot;
import io.trantor.control.live.RouteTable;
import io.trantor.dsl.Kind;
import io.trantor.workflows.model.ModelPublication;
import io.trantor.workflows.model.ReplicaStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the control plane's live tables after a start (clean or after a kill -9) from the
 * durable truth: the workflows' own books, queried, and the agents' reports as they reconnect.
 *
 * <ol>
 *   <li>{@link #begin()}, before anything can change the tables: placement waits and seeds
 *       do not overwrite newer changes.
 *   <li>{@link #seed()}, once the stored specs are applied again: every model's route and
 *       reservations, every experiment route, every pipeline version, as their workflows announce
 *       them. Then the {@link LiveStateGate} opens: gateways get a complete snapshot (never an
 *       empty one that would make them drop routes) and cluster signals flow.
 *   <li>Agents that register until recovery completes are reconciled: a model version an agent
 *       holds that no workflow wants is unloaded (the reverse, a model a workflow counts on that
 *       the agent lost, is {@link ModelSignaller}'s: the workflow loads it again).
 *   <li>Replicas the workflows expect that do not register within the grace period are let go:
 *       their models are placed again.
 * </ol>
 *
 * Until then {@link #recovering()} is true and model status says so.
 */
public final class LiveStateRecovery implements ClusterListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LiveStateRecovery.class);
  public static final String REASON = "control plane recovering";
  static final String RECONCILED_METRIC = "trantor_control_reconciled_total";
  static final String RECONCILED_DESCRIPTION =
      "Differences between the workflows' books and the agents' reports that the control plane set right";
  /** How long workflow queries may keep failing (Temporal not reachable yet) before seeding goes on without them. */
  static final Duration QUERY_DEADLINE = Duration.ofSeconds(60);

  private final ResourceRegistry registry;
  private final ModelWorkflows models;
  private final ExperimentWorkflows experiments;
  private final PipelineWorkflows pipelines; // null: no Kafka, no pipelines
  private final ClusterState cluster;
  private final RouteTable routes;
  private final PipelineTable pipelineTable;
  private final LiveStateGate gate;
  private final Duration agentGrace;
  private final OrphanReconciler orphans;
  private final Counter replicasAbandoned;
  private final Counter lostModels;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("trantor-recovery").daemon().factory());
  /**
   * Replicas the restarted control plane expected back that were not reconciled yet. Kept apart
   * from {@link ClusterState#awaitingRejoin()}: a replica stops being awaited inside its join,
   * before its join is announced, so "nobody awaited" alone would let recovery complete (and skip
   * the reconciliation) while a join notification is still on its way.
   */
  private final Set<ReplicaKey> unreconciled = ConcurrentHashMap.newKeySet();
  private volatile boolean complete;

  public LiveStateRecovery(ResourceRegistry registry, ModelWorkflows models, ExperimentWorkflows experiments,
      PipelineWorkflows pipelines, ClusterState cluster, RouteTable routes, PipelineTable pipelineTable,
      OrphanReconciler orphans, LiveStateGate gate, Duration agentGrace, MeterRegistry meters) {
    this.registry = requireNonNull(registry, "registry");
    this.models = requireNonNull(models, "models");
    this.experiments = requireNonNull(experiments, "experiments");
    this.pipelines = pipelines;
    this.cluster = requireNonNull(cluster, "cluster");
    this.routes = requireNonNull(routes, "routes");
    this.pipelineTable = requireNonNull(pipelineTable, "pipelineTable");
    this.orphans = requireNonNull(orphans, "orphans");
    this.gate = requireNonNull(gate, "gate");
    this.agentGrace = requireNonNull(agentGrace, "agentGrace");
    this.replicasAbandoned = Counter.builder(RECONCILED_METRIC)
        .description(RECONCILED_DESCRIPTION)
        .tag("action", "abandon_replica")
        .register(meters);
    this.lostModels = Counter.builder(RECONCILED_METRIC)
        .tag("action", "reload_lost")
        .register(meters);
  }

  /** Before the workflow workers and the API start: nothing may decide on a half-built view. */
  public void begin() {
    cluster.startSeeding();
    routes.startSeeding();
    pipelineTable.startSeeding();
    cluster.addListener(this);
  }

  /** Seeds the tables from the workflows of every applied resource, then opens the gate. */
  public void seed() {
    long started = System.nanoTime();
    long deadline = started + QUERY_DEADLINE.toNanos();
    int routed = 0;
    int holdings = 0;
    // One query per model, each a round trip to Temporal: asked side by side, applied in order.
    List<Applied> models = registry.list(Kind.MODEL, null);
    List<Optional<ModelPublication>> publications;
    try (ExecutorService askers = Executors.newFixedThreadPool(QUERY_PARALLELISM,
        Thread.ofPlatform().name("trantor-recovery-query-", 0).factory())) {
      List<Future<Optional<ModelPublication>>> asked = models.stream()
          .map(a -> askers.submit(() -> query(deadline, "model " + a.resource().name(),
              () -> this.models.publication(a.resource().namespace(), a.resource().name()))))
          .toList();
      publications = asked.stream().map(LiveStateRecovery::answer).toList();
    }
    for (int i = 0; i < models.size(); i++) {
      String namespace = models.get(i).resource().namespace();
      String name = models.get(i).resource().name();
      Optional<ModelPublication> publication = publications.get(i);
      if (publication.isEmpty()) {
        continue;
      }
      ModelPublication p = publication.get();
      if (p.route() != null) {
        routes.seed(p.route());
        routed++;
      }
      for (ReplicaStatus r : p.replicas()) {
        cluster.expect(new ReplicaKey(namespace, r.server(), r.replicaIndex()), r.endpoint(), name, r.version(),
            p.memoryBytes());
        holdings++;
      }
    }
    for (Applied applied : registry.list(Kind.EXPERIMENT, null)) {
      String namespace = applied.resource().namespace();
      String name = applied.resource().name();
      query(deadline, "experiment " + name, () -> experiments.publishedRoute(namespace, name)).ifPresent(routes::seedExperiment);
    }
    if (pipelines != null) {
      for (Applied applied : registry.list(Kind.PIPELINE, null)) {
        String namespace = applied.resource().namespace();
        String name = applied.resource().name();
        query(deadline, "pipeline " + name, () -> pipelines.publishedVersion(namespace, name)).ifPresent(pipelineTable::seed);
      }
    }
    unreconciled.addAll(cluster.awaitingRejoin());
    cluster.seeded();
    routes.seeded();
    pipelineTable.seeded();
    gate.openNow();
    log.info("Live tables rebuilt from the workflows in {} ms: {} model routes, {} replica holdings; "
        + "waiting up to {} s for {} replicas to register again",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), routed, holdings, agentGrace.toSeconds(),
        cluster.awaitingRejoin().size());
    submit(this::reconcileConnected);
    try {
      executor.schedule(this::abandonMissing, agentGrace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      log.debug("Closing; no grace check");
    }
    submit(this::completeIfDone);
  }

  /** True until the tables are seeded and every expected replica registered again or was let go. */
  public boolean recovering() {
    return !complete;
  }

  @Override
  public void replicaJoined(ReplicaSnapshot replica) {
    if (mayReconcile(replica.key())) {
      submit(() -> {
        // Before the gate opens, reconcileConnected() takes this replica once the books are read.
        if (gate.isOpen() && mayReconcile(replica.key())) {
          reconcile(replica.key());
          completeIfDone();
        }
      });
    }
  }

  /** Joins are recovery's to reconcile until it completes, and an expected replica's even after. */
  private boolean mayReconcile(ReplicaKey key) {
    return !complete || unreconciled.contains(key);
  }

  @Override
  public void replicaLeft(ReplicaSnapshot replica, Set<String> models) {
    // Leaving replicas are ModelSignaller's; nothing to reconcile here.
  }

  private void reconcileConnected() {
    for (String namespace : cluster.namespaces()) {
      for (String server : cluster.servers(namespace)) {
        for (ReplicaSnapshot replica : cluster.replicas(namespace, server)) {
          if (replica.connected()) {
            reconcile(replica.key());
          }
        }
      }
    }
  }

  /** Unloads what the agent reported holding that no workflow's books have on this replica. */
  private void reconcile(ReplicaKey key) {
    ReplicaSnapshot replica = cluster.replica(key).orElse(null);
    // Once looked at, a replica is no longer recovery's: one that left again meanwhile is
    // ModelSignaller's like any replica that leaves.
    unreconciled.remove(key);
    if (replica == null || !replica.connected()) {
      return;
    }
    Set<String> reported = Set.copyOf(replica.info().loadedModels());
    for (String wanted : replica.models().keySet()) {
      if (!reported.contains(wanted)) {
        // ModelSignaller tells the model's workflow, which places and loads it again.
        log.warn("Replica {} lost {}, which its workflow counts on there: loading it again", key, wanted);
        lostModels.increment();
      }
    }
    orphans.unloadOrphans(key, reported);
  }

  private void abandonMissing() {
    for (ReplicaKey key : cluster.awaitingRejoin()) {
      replicasAbandoned.increment();
      cluster.abandon(key);
      unreconciled.remove(key);
    }
    completeIfDone();
  }

  private void completeIfDone() {
    if (!complete && gate.isOpen() && cluster.awaitingRejoin().isEmpty() && unreconciled.isEmpty()) {
      complete = true;
      log.info("Control plane recovered: every replica the workflows expect has registered or was let go");
    }
  }

  /** Model queries in flight at once while seeding. */
  static final int QUERY_PARALLELISM = 4;

  private static <T> Optional<T> answer(Future<Optional<T>> asked) {
    try {
      return asked.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException e) {
      log.warn("A workflow query failed: {}", e.getCause().toString());
      return Optional.empty();
    }
  }

  /** A workflow query, retried while Temporal is not reachable; empty when there is no workflow. */
  private <T> Optional<T> query(long deadline, String what, Supplier<Optional<T>> query) {
    long backoffMillis = 100;
    while (true) {
      try {
        return query.get();
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadline) {
          log.warn("Could not ask the workflow of {} what it published ({}); its tables stay empty until it acts", what,
              e.toString());
          return Optional.empty();
        }
        log.debug("Query of {} failed, retrying: {}", what, e.toString());
        try {
          Thread.sleep(backoffMillis); // back-off between retries of a remote call
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return Optional.empty();
        }
        backoffMillis = Math.min(backoffMillis * 2, 2_000);
      }
    }
  }

  private void submit(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      log.debug("Closing; recovery step dropped");
    }
  }

  @Override
  public void close() {
    cluster.removeListener(this);
    executor.shutdownNow();
  }
}
