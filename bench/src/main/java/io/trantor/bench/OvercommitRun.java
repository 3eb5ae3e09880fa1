package io.trantor.bench;

import io.trantor.protocol.control.ModelReplicaStatus;
import io.trantor.protocol.control.ResourceStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Item 4: models of {@code memory: 1Mi} on replicas that hold 4 of them resident. Requests cycle
 * over the models of one replica, so LRU evicts each one before its turn comes again and every
 * request waits for a reload; interleaved with them, requests to one model of the same replica
 * that is used every other request and so stays resident (the baseline).
 */
final class OvercommitRun {
  private static final byte[] BODY =
      "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[[1,2,3,4]]}]}"
          .getBytes(StandardCharsets.UTF_8);

  record Placement(String name, long version, String replica, String endpoint) {}

  record Result(
      int applied, Map<String, List<Placement>> byReplica, String replica, int cycled, Samples reload,
      Samples resident, int errors, long evictionsBefore, long evictionsAfter) {}

  private OvercommitRun() {}

  static Result run(ControlClient client, UpLog log, String prefix, int models, int rounds)
      throws IOException, TimeoutException {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < models; i++) {
      String name = String.format("%s-%02d", prefix, i);
      client.apply(Manifests.iris(name, "1Mi"));
      names.add(name);
    }
    Map<String, List<Placement>> byReplica = new LinkedHashMap<>();
    for (String name : names) {
      client.awaitAvailable(name, Duration.ofMillis(20), Duration.ofSeconds(120));
      ResourceStatus status = client.model(name);
      ModelReplicaStatus replica = status.getModel().getReplicas(0);
      String replicaName = replica.getServer() + "-" + replica.getReplicaIndex();
      byReplica.computeIfAbsent(replicaName, r -> new ArrayList<>())
          .add(new Placement(name, status.getModel().getVersion(), replicaName, replica.getEndpoint()));
    }
    String busiest = byReplica.entrySet().stream()
        .max((a, b) -> Integer.compare(a.getValue().size(), b.getValue().size())).orElseThrow().getKey();
    List<Placement> onReplica = byReplica.get(busiest);
    if (onReplica.size() < 6) {
      throw new IllegalStateException("too few models on one replica to force evictions: " + byReplica);
    }
    Placement baseline = onReplica.get(0);
    List<Placement> cycle = onReplica.subList(1, onReplica.size());
    long evictionsBefore = log.count("Evicted model");
    List<Long> reloads = new ArrayList<>();
    List<Long> resident = new ArrayList<>();
    int errors = 0;
    List<RawHttpClient> clients = new ArrayList<>();
    try {
      RawHttpClient residentClient = open(baseline);
      clients.add(residentClient);
      List<RawHttpClient> cycleClients = new ArrayList<>();
      for (Placement p : cycle) {
        RawHttpClient c = open(p);
        clients.add(c);
        cycleClients.add(c);
      }
      int warmup = cycle.size() * 2;
      for (int i = 0; i < warmup + rounds; i++) {
        boolean measured = i >= warmup;
        errors += timed(cycleClients.get(i % cycleClients.size()), measured ? reloads : null);
        errors += timed(residentClient, measured ? resident : null);
      }
    } finally {
      for (RawHttpClient c : clients) {
        c.close();
      }
    }
    long evictionsAfter = log.count("Evicted model");
    return new Result(models, byReplica, busiest, cycle.size(), Samples.of(reloads), Samples.of(resident), errors,
        evictionsBefore, evictionsAfter);
  }

  private static RawHttpClient open(Placement p) throws IOException {
    String[] hostPort = p.endpoint().split(":");
    return new RawHttpClient(hostPort[0], Integer.parseInt(hostPort[1]),
        "/v2/models/" + p.name() + "_" + p.version() + "/infer", BODY);
  }

  /** One request; its latency goes to {@code into} (null: warm-up). Returns 1 on an error. */
  private static int timed(RawHttpClient client, List<Long> into) throws IOException {
    long t0 = System.nanoTime();
    int status = client.call();
    long nanos = System.nanoTime() - t0;
    if (status != 200) {
      return 1;
    }
    if (into != null) {
      into.add(nanos);
    }
    return 0;
  }
}
