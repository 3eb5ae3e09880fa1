package io.trantor.workflows.testing;

import io.trantor.workflows.activity.PlacementActivities;
import io.trantor.workflows.activity.PlacementOutcome;
import io.trantor.workflows.activity.PlacementRequest;
import io.trantor.workflows.activity.ReleaseRequest;
import io.trantor.workflows.activity.ReplicaTarget;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tiny in-memory cluster that answers placement: server replicas with memory, reservations per
 * model version, replicas that can be lost and added. Placement keeps a version's existing
 * reservations, then fills up with the first replicas that have room, one server only (the pinned
 * one, else the current one first).
 */
public final class FakeCluster implements PlacementActivities {
  private final CallLog log;
  private final Map<String, Long> capacity = new LinkedHashMap<>(); // "server/idx" -> bytes
  private final Set<String> down = new HashSet<>();
  private final Set<String> draining = new HashSet<>();
  private final Map<String, Map<String, Long>> reservations = new LinkedHashMap<>();

  FakeCluster(CallLog log) {
    this.log = log;
  }

  public synchronized FakeCluster addServer(String server, int replicas, long memoryPerReplica) {
    for (int i = 0; i < replicas; i++) {
      addReplica(server, i, memoryPerReplica);
    }
    return this;
  }

  public synchronized FakeCluster addReplica(String server, int index, long memory) {
    capacity.put(slot(server, index), memory);
    down.remove(slot(server, index));
    return this;
  }

  /** The replica's agent disconnected: it holds nothing any more and refuses every call. */
  public synchronized void lose(String server, int index) {
    String slot = slot(server, index);
    down.add(slot);
    reservations.values().forEach(r -> r.remove(slot));
  }

  /** The replica takes no new models, and placement moves what it holds elsewhere. */
  public synchronized void drain(String server, int index) {
    draining.add(slot(server, index));
  }

  /** Models ({@code <model>_<version>}) reserved on the replica. */
  public synchronized List<String> heldOn(String server, int index) {
    String slot = slot(server, index);
    return reservations.entrySet().stream().filter(e -> e.getValue().containsKey(slot)).map(Map.Entry::getKey).toList();
  }

  /** Free memory of a replica that is neither down nor draining; -1 otherwise. */
  synchronized long freeForNewModels(String server, int index) {
    String slot = slot(server, index);
    return !capacity.containsKey(slot) || down.contains(slot) || draining.contains(slot) ? -1 : free(slot);
  }

  synchronized Set<String> slotsOf(String server) {
    Set<String> slots = new java.util.TreeSet<>();
    capacity.keySet().stream().filter(s -> s.startsWith(server + "/")).forEach(slots::add);
    return slots;
  }

  synchronized boolean isDown(ReplicaTarget target) {
    return down.contains(slot(target.server(), target.replicaIndex()));
  }

  /** Replicas ({@code server/idx}) that hold a reservation of the model version. */
  public synchronized Set<String> reservedBy(String model, long version) {
    return Set.copyOf(reservations.getOrDefault(model + "_" + version, Map.of()).keySet());
  }

  @Override
  public synchronized PlacementOutcome place(PlacementRequest request) {
    String key = request.model() + "_" + request.version();
    log.add("place " + key + " x" + request.replicas());
    Map<String, Long> held = reservations.computeIfAbsent(key, k -> new LinkedHashMap<>());
    for (String server : candidateServers(request)) {
      List<String> chosen = new ArrayList<>();
      held.keySet().stream().filter(s -> s.startsWith(server + "/") && !draining.contains(s)).forEach(chosen::add);
      for (String slot : capacity.keySet()) {
        if (slot.startsWith(server + "/") && !down.contains(slot) && !draining.contains(slot) && !chosen.contains(slot)
            && free(slot) >= request.memoryBytes()) {
          chosen.add(slot);
        }
      }
      int wanted = request.replicas();
      int enough = request.minReplicas() > 0 ? request.minReplicas() : wanted;
      if (chosen.size() >= enough) {
        List<String> taken = chosen.subList(0, Math.min(wanted, chosen.size()));
        // A draining replica keeps its reservation until the workflow unloads there and releases it.
        held.keySet().removeIf(s -> !taken.contains(s) && !draining.contains(s));
        taken.forEach(s -> held.put(s, request.memoryBytes()));
        return PlacementOutcome.placed(server, taken.stream().map(FakeCluster::target).toList());
      }
    }
    return PlacementOutcome.failed(
        "failed to schedule model %s: not enough replicas with %d bytes free"
            .formatted(request.model(), request.memoryBytes()));
  }

  @Override
  public synchronized void release(ReleaseRequest request) {
    String key = request.model() + "_" + request.version();
    log.add("release " + key + " on " + slots(request.replicas()));
    Map<String, Long> held = reservations.getOrDefault(key, new LinkedHashMap<>());
    request.replicas().forEach(t -> held.remove(slot(t.server(), t.replicaIndex())));
  }

  private List<String> candidateServers(PlacementRequest request) {
    if (request.server() != null) {
      return List.of(request.server());
    }
    List<String> servers = new ArrayList<>();
    if (request.currentServer() != null) {
      servers.add(request.currentServer());
    }
    capacity.keySet().stream()
        .map(s -> s.substring(0, s.indexOf('/')))
        .filter(s -> !servers.contains(s))
        .forEach(servers::add);
    return servers;
  }

  private long free(String slot) {
    long used =
        reservations.values().stream().mapToLong(r -> r.getOrDefault(slot, 0L)).sum();
    return capacity.get(slot) - used;
  }

  static String slot(String server, int index) {
    return server + "/" + index;
  }

  static List<String> slots(List<ReplicaTarget> targets) {
    return targets.stream().map(t -> slot(t.server(), t.replicaIndex())).toList();
  }

  private static ReplicaTarget target(String slot) {
    int slash = slot.indexOf('/');
    String server = slot.substring(0, slash);
    int index = Integer.parseInt(slot.substring(slash + 1));
    return new ReplicaTarget(server, index, server + "-" + index + ".local:9000");
  }
}
