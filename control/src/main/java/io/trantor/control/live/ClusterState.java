package io.trantor.control.live;

import static java.util.Objects.requireNonNull;

import io.trantor.activities.ModelHolding;
import io.trantor.activities.ReplicaInfo;
import io.trantor.activities.ReplicaKey;
import io.trantor.activities.ReplicaLedger;
import io.trantor.activities.ReplicaSnapshot;
import io.trantor.compiler.placement.ClusterView;
import io.trantor.compiler.placement.ReplicaView;
import io.trantor.compiler.placement.ServerView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live view of every namespace: servers, their replicas as agents register and leave, and the
 * memory each model version holds or has reserved on each replica. Thread-safe (one lock; every
 * read returns immutable snapshots); listeners are called after the lock is released.
 */
public final class ClusterState implements ReplicaLedger, io.trantor.activities.DrainBoard {
  private static final Logger log = LoggerFactory.getLogger(ClusterState.class);

  // namespace -> server -> index -> replica
  private final Map<String, Map<String, TreeMap<Integer, Replica>>> namespaces = new TreeMap<>();
  private final List<ClusterListener> listeners = new CopyOnWriteArrayList<>();
  private final Object seedingLock = new Object();
  private boolean seeding;
  /** Replica + served name of orphans being unloaded: a reservation of one waits until its unload is done. */
  private final Set<String> fenced = new HashSet<>();
  /** How long a reservation waits for an orphan's unload (the unload command's own timeout is shorter). */
  static final java.time.Duration FENCE_WAIT = java.time.Duration.ofSeconds(30);

  public void addListener(ClusterListener listener) {
    listeners.add(requireNonNull(listener, "listener"));
  }

  public void removeListener(ClusterListener listener) {
    listeners.remove(listener);
  }

  /**
   * A replica's agent registered. A replica that was connected keeps what it holds (a replaced
   * stream); one that had left starts empty.
   */
  public ReplicaSnapshot join(ReplicaInfo info) {
    requireNonNull(info, "info");
    ReplicaSnapshot snapshot;
    synchronized (this) {
      ReplicaKey key = info.key();
      Replica replica =
          namespaces
              .computeIfAbsent(key.namespace(), ns -> new TreeMap<>())
              .computeIfAbsent(key.server(), s -> new TreeMap<>())
              .computeIfAbsent(key.index(), i -> new Replica(info));
      if (!replica.connected && !replica.awaitingRejoin) {
        replica.models.clear();
        replica.draining = false;
        replica.drainStep = "";
        replica.drainReason = "";
      }
      // A replica a restarted control plane expected back keeps the holdings its models' workflows
      // announced; what the agent itself reports is reconciled against them by the caller.
      replica.awaitingRejoin = false;
      replica.info = info;
      replica.connected = true;
      snapshot = replica.snapshot();
    }
    log.info("Replica {} joined (endpoint {}, {} bytes)", info.key(), info.endpoint(), info.memoryBytes());
    listeners.forEach(l -> l.replicaJoined(snapshot));
    return snapshot;
  }

  /**
   * A replica's agent left: the replica stays known (as disconnected) but holds nothing. Returns the
   * names of the models that were there; empty when it was not connected.
   */
  public Set<String> leave(ReplicaKey key) {
    requireNonNull(key, "key");
    ReplicaSnapshot snapshot;
    Set<String> models = new TreeSet<>();
    synchronized (this) {
      Replica replica = find(key);
      if (replica == null || !replica.connected) {
        return Set.of();
      }
      replica.models.values().forEach(h -> models.add(h.model()));
      replica.models.clear();
      replica.connected = false;
      snapshot = replica.snapshot();
    }
    log.info("Replica {} left; models there: {}", key, models);
    Set<String> result = Set.copyOf(models);
    listeners.forEach(l -> l.replicaLeft(snapshot, result));
    return result;
  }

  /**
   * Recovery after a control-plane restart: records that a model version holds memory on a
   * replica, as its workflow's books say. A replica not connected (yet) is kept as expected back:
   * its holdings survive its agent's registration, and placement does not use it until then.
   */
  public synchronized void expect(ReplicaKey key, String endpoint, String model, long version, long memoryBytes) {
    requireNonNull(key, "key");
    Map<String, TreeMap<Integer, Replica>> servers = namespaces.computeIfAbsent(key.namespace(), ns -> new TreeMap<>());
    Replica replica = servers.computeIfAbsent(key.server(), s -> new TreeMap<>()).get(key.index());
    if (replica == null) {
      replica = new Replica(new ReplicaInfo(key, endpoint, Set.of(), 0, 0, List.of()));
      replica.awaitingRejoin = true;
      servers.get(key.server()).put(key.index(), replica);
    } else if (!replica.connected && !replica.awaitingRejoin) {
      replica.awaitingRejoin = true;
      replica.models.clear();
    }
    ModelHolding holding = new ModelHolding(model, version, memoryBytes);
    replica.models.put(holding.servedName(), holding);
  }

  /** Replicas expected back after a control-plane restart whose agents have not registered yet. */
  public synchronized List<ReplicaKey> awaitingRejoin() {
    List<ReplicaKey> keys = new ArrayList<>();
    namespaces.values().forEach(servers -> servers.values().forEach(replicas -> replicas.values().forEach(r -> {
      if (r.awaitingRejoin) {
        keys.add(r.info.key());
      }
    })));
    return keys;
  }

  /**
   * An expected replica did not come back in time: it leaves like a disconnected one, so the
   * models it held are placed again. Returns their names; empty when it was not awaited.
   */
  public Set<String> abandon(ReplicaKey key) {
    requireNonNull(key, "key");
    ReplicaSnapshot snapshot;
    Set<String> models = new TreeSet<>();
    synchronized (this) {
      Replica replica = find(key);
      if (replica == null || !replica.awaitingRejoin) {
        return Set.of();
      }
      replica.awaitingRejoin = false;
      replica.models.values().forEach(h -> models.add(h.model()));
      replica.models.clear();
      snapshot = replica.snapshot();
    }
    log.info("Replica {} did not come back after the control plane restarted; models there: {}", key, models);
    Set<String> result = Set.copyOf(models);
    listeners.forEach(l -> l.replicaLeft(snapshot, result));
    return result;
  }

  /**
   * A restarted control plane is rebuilding this view from the workflows: placement waits (see
   * {@link #awaitSeeded}) so no decision is taken on a view that misses what is already held.
   */
  public void startSeeding() {
    synchronized (seedingLock) {
      seeding = true;
    }
  }

  /** The view holds everything the workflows announced; placement may go on. */
  public void seeded() {
    synchronized (seedingLock) {
      seeding = false;
      seedingLock.notifyAll();
    }
  }

  /** Waits until the view is seeded; false when {@code timeout} passed first. */
  @Override
  public boolean awaitSeeded(java.time.Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (seedingLock) {
      while (seeding) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(seedingLock, left);
      }
      return true;
    }
  }

  /** Forgets a replica entirely (its server was scaled down). */
  public synchronized void forget(ReplicaKey key) {
    Map<String, TreeMap<Integer, Replica>> servers = namespaces.get(key.namespace());
    if (servers == null || !servers.containsKey(key.server())) {
      return;
    }
    TreeMap<Integer, Replica> replicas = servers.get(key.server());
    replicas.remove(key.index());
    if (replicas.isEmpty()) {
      servers.remove(key.server());
    }
  }

  @Override
  public synchronized void setDraining(ReplicaKey key, boolean draining) {
    Replica replica = find(key);
    if (replica != null) {
      replica.draining = draining;
    }
  }

  @Override
  public synchronized void drainStep(ReplicaKey key, String step, String reason) {
    Replica replica = find(key);
    if (replica != null) {
      replica.drainStep = step == null ? "" : step;
      if (reason != null) { // null keeps the reason of an earlier step (a model that stays)
        replica.drainReason = reason;
      }
    }
  }

  /** The replica's drain step and its reason ({@code ["", ""]} when it is not draining). */
  public synchronized List<String> drainStep(ReplicaKey key) {
    Replica replica = find(key);
    return replica == null ? List.of("", "") : List.of(replica.drainStep, replica.drainReason);
  }

  /**
   * Records that a model version holds (or will hold) {@code memoryBytes} on a connected replica.
   * Idempotent. Returns false when the replica is not connected.
   */
  @Override
  public synchronized boolean reserve(ReplicaKey key, String model, long version, long memoryBytes) {
    awaitUnfenced(key, model + "_" + version);
    Replica replica = find(key);
    if (replica == null || !replica.connected) {
      return false;
    }
    ModelHolding holding = new ModelHolding(model, version, memoryBytes);
    replica.models.put(holding.servedName(), holding);
    return true;
  }

  /**
   * For an orphan's unload: true when no model workflow holds or reserved {@code servedName} on the
   * replica, and then every reservation of it there waits until {@link #unfence}. A load is sent
   * only after its reservation, so the orphan's unload can never overtake a load that wants the
   * model back, however stale the report that named the orphan.
   */
  public synchronized boolean fenceIfUnheld(ReplicaKey key, String servedName) {
    Replica replica = find(key);
    if (replica != null && replica.models.containsKey(servedName)) {
      return false;
    }
    return fenced.add(fenceKey(key, servedName));
  }

  /** The orphan's unload is done (or failed): reservations of it go on. */
  public synchronized void unfence(ReplicaKey key, String servedName) {
    if (fenced.remove(fenceKey(key, servedName))) {
      notifyAll();
    }
  }

  private void awaitUnfenced(ReplicaKey key, String servedName) {
    String fence = fenceKey(key, servedName);
    long deadline = System.nanoTime() + FENCE_WAIT.toNanos();
    boolean interrupted = false;
    while (fenced.contains(fence)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        log.warn("Reserving {} on {}: the orphan unload of it did not finish in {} s; going on", servedName, key,
            FENCE_WAIT.toSeconds());
        break;
      }
      try {
        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        interrupted = true; // keep the reservation's all-or-nothing; restore the flag after
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static String fenceKey(ReplicaKey key, String servedName) {
    return key.namespace() + "/" + key.server() + "/" + key.index() + "/" + servedName;
  }

  /** Frees what a model version holds on a replica. Idempotent. */
  @Override
  public synchronized void release(ReplicaKey key, String model, long version) {
    Replica replica = find(key);
    if (replica != null) {
      replica.models.remove(model + "_" + version);
    }
  }

  @Override
  public synchronized Optional<ReplicaSnapshot> replica(ReplicaKey key) {
    return Optional.ofNullable(find(key)).map(Replica::snapshot);
  }

  public synchronized boolean isConnected(ReplicaKey key) {
    Replica replica = find(key);
    return replica != null && replica.connected;
  }

  /** Every known replica of a server (connected or not), by index; empty when unknown. */
  public synchronized List<ReplicaSnapshot> replicas(String namespace, String server) {
    Map<String, TreeMap<Integer, Replica>> servers = namespaces.getOrDefault(namespace, Map.of());
    return servers.getOrDefault(server, new TreeMap<>()).values().stream().map(Replica::snapshot).toList();
  }

  /** Names of the servers of a namespace that have ever had a replica register. */
  public synchronized Set<String> servers(String namespace) {
    return Set.copyOf(namespaces.getOrDefault(namespace, Map.of()).keySet());
  }

  public synchronized Set<String> namespaces() {
    return Set.copyOf(namespaces.keySet());
  }

  /**
   * The namespace as placement sees it: connected replicas only (servers without one are left
   * out); every server is shared; memory per model name summed over its versions.
   */
  @Override
  public synchronized ClusterView view(String namespace) {
    List<ServerView> servers = new ArrayList<>();
    namespaces
        .getOrDefault(namespace, Map.of())
        .forEach(
            (name, replicas) -> {
              List<ReplicaView> views = new ArrayList<>();
              for (Replica r : replicas.values()) {
                if (r.connected) {
                  views.add(r.view());
                }
              }
              if (!views.isEmpty()) {
                servers.add(new ServerView(name, true, views));
              }
            });
    return new ClusterView(servers);
  }

  private Replica find(ReplicaKey key) {
    Map<String, TreeMap<Integer, Replica>> servers = namespaces.get(key.namespace());
    if (servers == null) {
      return null;
    }
    TreeMap<Integer, Replica> replicas = servers.get(key.server());
    return replicas == null ? null : replicas.get(key.index());
  }

  private static final class Replica {
    ReplicaInfo info;
    boolean connected;
    boolean awaitingRejoin;
    boolean draining;
    String drainStep = "";
    String drainReason = "";
    final Map<String, ModelHolding> models = new LinkedHashMap<>();

    Replica(ReplicaInfo info) {
      this.info = info;
    }

    ReplicaSnapshot snapshot() {
      return new ReplicaSnapshot(info, draining, connected, models);
    }

    ReplicaView view() {
      Map<String, Long> byModel = new HashMap<>();
      models.values().forEach(h -> byModel.merge(h.model(), h.memoryBytes(), Long::sum));
      return new ReplicaView(
          info.key().index(),
          info.capabilities(),
          info.memoryBytes(),
          info.overcommitPercent(),
          byModel,
          draining);
    }
  }
}
