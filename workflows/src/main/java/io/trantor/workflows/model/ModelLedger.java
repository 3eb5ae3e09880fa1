package io.trantor.workflows.model;

import io.trantor.workflows.activity.LoadRequest;
import io.trantor.workflows.activity.ModelRoute;
import io.trantor.workflows.activity.PlacementOutcome;
import io.trantor.workflows.activity.PlacementRequest;
import io.trantor.workflows.activity.ReleaseRequest;
import io.trantor.workflows.activity.ReplicaTarget;
import io.trantor.workflows.activity.UnloadRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The books of one model: what was asked for (versions, replica counts, deletion), which replicas
 * hold which version in which state, and what route the gateways have. Handlers write intents
 * here; the reconciler reads the decisions (what to load, route, unload) and writes back facts.
 * Pure and deterministic: no Temporal calls, so it is the same on every replay.
 */
final class ModelLedger {
  private final String namespace;
  private final String name;
  private ModelDeployment deployment;
  private long version;
  private String server;
  private String scheduleFailedReason;
  private final List<Replica> replicas = new ArrayList<>();
  private ModelRoute route;
  private final List<ReleaseRequest> pendingReleases = new ArrayList<>();
  private boolean dirty;
  private boolean deleting;
  private boolean terminated;

  ModelLedger(String namespace, String name, ModelWorkflowState carried) {
    this.namespace = namespace;
    this.name = name;
    ModelWorkflowState s = carried == null ? ModelWorkflowState.initial() : carried;
    deployment = s.deployment();
    version = s.version();
    server = s.server();
    scheduleFailedReason = s.scheduleFailedReason();
    s.replicas().forEach(r -> replicas.add(Replica.of(r)));
    route = s.route();
    pendingReleases.addAll(s.pendingReleases());
    dirty = s.dirty();
    deleting = s.deleting();
  }

  ModelWorkflowState snapshot() {
    return new ModelWorkflowState(
        deployment,
        version,
        server,
        scheduleFailedReason,
        replicas.stream().map(Replica::toStatus).toList(),
        route,
        pendingReleases,
        dirty,
        deleting);
  }

  // ---- intents (update and signal handlers) ----

  /** Why {@code d} must be rejected, or {@code null} when it may be applied. */
  String rejection(ModelDeployment d) {
    if (d == null) {
      return "no deployment given";
    }
    if (!namespace.equals(d.namespace()) || !name.equals(d.name())) {
      return "deployment of %s/%s sent to model %s/%s"
          .formatted(d.namespace(), d.name(), namespace, name);
    }
    if (deleting) {
      return "Model %s/%s is in process of deletion - new model can not be created"
          .formatted(namespace, name);
    }
    if (d.replicas() < 0 || d.minReplicas() < 0) {
      return "replicas and minReplicas must not be negative";
    }
    return null;
  }

  ApplyResult accept(ModelDeployment d) {
    ModelDeployment previous = deployment;
    deployment = d;
    if (previous == null) {
      version = 1;
      return changed("created");
    }
    if (!d.sameVersionAs(previous)) {
      version++;
      return changed("configured");
    }
    boolean sameCounts =
        d.replicas() == previous.replicas()
            && d.minReplicas() == previous.minReplicas()
            && Objects.equals(d.maxReplicas(), previous.maxReplicas());
    // a new generation with nothing else changed is still "unchanged": nothing to reconcile
    return sameCounts ? new ApplyResult(version, "unchanged") : changed("configured");
  }

  private ApplyResult changed(String action) {
    scheduleFailedReason = null;
    dirty = true;
    return new ApplyResult(version, action);
  }

  /** An unchanged re-apply of a model that is not settled (ScheduleFailed, partial) tries again. */
  void retryIfUnsettled() {
    if (deployment != null && !deleting && !settled()) {
      dirty = true;
    }
  }

  void requestDelete() {
    deleting = true;
    dirty = true;
  }

  void clusterChanged(ClusterChange change) {
    if (deployment == null || deleting) {
      return;
    }
    if (change.lost()) {
      List<Replica> gone =
          replicas.stream().filter(r -> r.on(change.server(), change.replicaIndex())).toList();
      gone.forEach(this::forget);
    } else if (!settled()) {
      dirty = true;
    }
  }

  /** A replica of this model is on a draining server replica: place again (placement skips it). */
  void replicaDraining(ClusterChange change) {
    if (deployment != null && !deleting
        && replicas.stream().anyMatch(r -> r.on(change.server(), change.replicaIndex()))) {
      dirty = true;
    }
  }

  /** The replica vanished with its server replica: drop it, free its reservation, place again. */
  void forget(Replica r) {
    if (replicas.removeIf(x -> x.on(r.target()) && x.version() == r.version())) {
      pendingReleases.add(new ReleaseRequest(namespace, name, r.version(), List.of(r.target())));
      dirty = true;
    }
  }

  // ---- loop control ----

  boolean dirty() {
    return dirty;
  }

  void startRound() {
    dirty = false;
  }

  boolean deleting() {
    return deleting;
  }

  long version() {
    return version;
  }

  boolean wantsReplicas() {
    return deployment != null && deployment.replicas() > 0;
  }

  // ---- placement ----

  PlacementRequest placementRequest() {
    return new PlacementRequest(
        namespace,
        name,
        version,
        deployment.requirements(),
        deployment.memoryBytes(),
        deployment.replicas(),
        deployment.minReplicas(),
        deployment.server(),
        server);
  }

  void scheduleFailed(long placedVersion, String reason) {
    if (placedVersion == version) {
      scheduleFailedReason = reason == null || reason.isEmpty() ? "scheduling failed" : reason;
    }
  }

  /**
   * Records the chosen replicas of {@code placedVersion} (even when a newer version arrived
   * meanwhile, so their reservations are released by the next settle) and marks the replicas no
   * longer chosen for unloading.
   */
  void placed(long placedVersion, PlacementOutcome outcome) {
    if (placedVersion == version) {
      server = outcome.server();
      scheduleFailedReason = null;
    }
    List<ReplicaTarget> chosen = outcome.replicas();
    replace(
        r ->
            r.version() == placedVersion
                && !r.is(ReplicaState.Unloading)
                && chosen.stream().noneMatch(r::on),
        ReplicaState.UnloadRequested);
    for (ReplicaTarget t : chosen) {
      int i = indexOf(t, placedVersion);
      if (i < 0) {
        replicas.add(Replica.requested(t, placedVersion));
      } else if (replicas.get(i).is(ReplicaState.UnloadRequested)) {
        replicas.set(i, Replica.requested(t, placedVersion));
      }
    }
  }

  /** Replicas: 0 — every replica of the latest version goes. */
  void placeNothing() {
    server = null;
    scheduleFailedReason = null;
    replace(r -> r.version() == version && !r.is(ReplicaState.Unloading), ReplicaState.UnloadRequested);
  }

  // ---- loading ----

  /** Marks the latest version's replicas that still need a load as Loading and returns them. */
  List<Replica> startLoads() {
    List<Replica> started = new ArrayList<>();
    for (int i = 0; i < replicas.size(); i++) {
      Replica r = replicas.get(i);
      if (r.version() == version
          && (r.is(ReplicaState.LoadRequested) || r.is(ReplicaState.LoadFailed))) {
        Replica loading = r.with(ReplicaState.Loading, "");
        replicas.set(i, loading);
        started.add(loading);
      }
    }
    return started;
  }

  LoadRequest loadRequest(Replica r) {
    ModelDeployment d = deployment;
    return new LoadRequest(
        namespace,
        r.target(),
        name,
        r.version(),
        d.storageUri(),
        d.artifactVersion(),
        d.requirements(),
        d.memoryBytes(),
        d.parameters(),
        d.secretName(),
        d.explainer());
  }

  /** Outcome of a load; ignored when the replica left the books meanwhile (lost, deleted). */
  void loadFinished(Replica r, ReplicaState outcome, String reason) {
    int i = indexOf(r.target(), r.version());
    if (i >= 0 && replicas.get(i).is(ReplicaState.Loading)) {
      replicas.set(i, r.with(outcome, reason));
    }
  }

  // ---- routing ----

  ModelRoute route() {
    return route;
  }

  void routed(ModelRoute published) {
    route = published;
  }

  /**
   * The route the gateways should have now. The latest version takes it once enough of its
   * replicas are Available; until then the routed version keeps serving (minus replicas that
   * left); a version with nothing Available has no route.
   */
  ModelRoute desiredRoute() {
    if (deployment == null) {
      return null;
    }
    List<ReplicaTarget> latest = available(version);
    if (ready()) {
      return routeOf(version, latest);
    }
    if (route != null) {
      List<ReplicaTarget> serving = available(route.version());
      if (!serving.isEmpty()) {
        return routeOf(route.version(), serving);
      }
    }
    return routeOf(version, latest);
  }

  private ModelRoute routeOf(long v, List<ReplicaTarget> endpoints) {
    return endpoints.isEmpty() ? null : new ModelRoute(namespace, name, v, endpoints);
  }

  private boolean ready() {
    int desired = deployment.replicas();
    int min = deployment.minReplicas();
    long availableCount = count(version, ReplicaState.Available);
    return availableCount >= desired || (min > 0 && availableCount >= min);
  }

  // ---- unloading ----

  /**
   * Marks as Unloading, and returns, every replica that is not wanted any more and is out of the
   * route: dropped by placement, or of a version that is neither the latest nor routed. Called
   * only after the route was brought up to date, which is what keeps a version switch free of
   * failed requests.
   */
  List<Replica> startUnloads() {
    long routedVersion = route == null ? -1 : route.version();
    return startUnloading(
        r ->
            r.is(ReplicaState.UnloadRequested)
                || (r.version() != version && r.version() != routedVersion));
  }

  /** Deletion: every replica of every version. */
  List<Replica> startUnloadingAll() {
    return startUnloading(r -> true);
  }

  private List<Replica> startUnloading(Predicate<Replica> wanted) {
    List<Replica> started = new ArrayList<>();
    for (int i = 0; i < replicas.size(); i++) {
      Replica r = replicas.get(i);
      if (!r.is(ReplicaState.Unloading) && wanted.test(r)) {
        Replica unloading = r.with(ReplicaState.Unloading, "");
        replicas.set(i, unloading);
        started.add(unloading);
      }
    }
    return started;
  }

  UnloadRequest unloadRequest(Replica r) {
    return new UnloadRequest(namespace, r.target(), name, r.version());
  }

  /** The replicas left the servers: drop them and queue their reservations for release. */
  void unloaded(List<Replica> done) {
    Map<Long, List<ReplicaTarget>> byVersion = new LinkedHashMap<>();
    for (Replica r : done) {
      replicas.removeIf(x -> x.on(r.target()) && x.version() == r.version());
      byVersion.computeIfAbsent(r.version(), v -> new ArrayList<>()).add(r.target());
    }
    byVersion.forEach(
        (v, targets) -> pendingReleases.add(new ReleaseRequest(namespace, name, v, targets)));
  }

  List<ReleaseRequest> takePendingReleases() {
    List<ReleaseRequest> taken = List.copyOf(pendingReleases);
    pendingReleases.clear();
    return taken;
  }

  void terminated() {
    terminated = true;
  }

  // ---- status ----

  ModelStatus status() {
    ModelState state = ModelState.ModelProgressing;
    String reason = "";
    Replica failed =
        replicas.stream()
            .filter(r -> r.version() == version && r.is(ReplicaState.LoadFailed))
            .findFirst()
            .orElse(null);
    if (terminated) {
      state = ModelState.ModelTerminated;
    } else if (deleting) {
      state = ModelState.ModelTerminating;
    } else if (deployment == null) {
      state = ModelState.ModelProgressing;
    } else if (scheduleFailedReason != null) {
      state = ModelState.ScheduleFailed;
      reason = scheduleFailedReason;
    } else if (failed != null) {
      state = ModelState.ModelFailed;
      reason = failed.reason();
    } else if (deployment.replicas() == 0 && deployment.minReplicas() == 0) {
      state = replicas.isEmpty() ? ModelState.ModelScaledDown : ModelState.ModelProgressing;
    } else if (ready() && route != null && route.equals(desiredRoute())) {
      // Available once the gateways route to every Available replica of this version
      state = ModelState.ModelAvailable;
    }
    return new ModelStatus(
        namespace,
        name,
        state.name(),
        reason,
        version,
        deployment == null ? 0 : deployment.generation(),
        deployment == null ? 0 : deployment.replicas(),
        (int) count(version, ReplicaState.Available),
        server,
        replicas.stream().map(Replica::toStatus).toList());
  }

  ModelPublication publication() {
    return new ModelPublication(
        namespace,
        name,
        route,
        deployment == null ? 0 : deployment.memoryBytes(),
        replicas.stream().map(Replica::toStatus).toList());
  }

  /** Placed, loaded and complete: a server replica joining would change nothing. */
  private boolean settled() {
    return scheduleFailedReason == null
        && replicas.stream().noneMatch(r -> r.version() == version && r.is(ReplicaState.LoadFailed))
        && count(version, ReplicaState.Available) >= deployment.replicas();
  }

  // ---- small queries ----

  private List<ReplicaTarget> available(long v) {
    return replicas.stream()
        .filter(r -> r.version() == v && r.is(ReplicaState.Available))
        .map(Replica::target)
        .toList();
  }

  private long count(long v, ReplicaState s) {
    return replicas.stream().filter(r -> r.version() == v && r.is(s)).count();
  }

  private int indexOf(ReplicaTarget t, long v) {
    for (int i = 0; i < replicas.size(); i++) {
      if (replicas.get(i).on(t) && replicas.get(i).version() == v) {
        return i;
      }
    }
    return -1;
  }

  private void replace(Predicate<Replica> which, ReplicaState to) {
    replicas.replaceAll(r -> which.test(r) ? r.with(to, "") : r);
  }
}
