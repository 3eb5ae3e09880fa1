package io.trantor.bench;

import io.trantor.protocol.control.ResourceStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Item 3: {@code count} iris copies applied from {@code threads} client threads; the time from the
 * first Apply until every one of them is ModelAvailable (List polled every 100 ms), and each Apply
 * RPC's latency. A failed Apply is retried (up to {@link #ATTEMPTS} times), as a user would, and
 * counted.
 */
final class ManyModelsRun {
  private static final Duration POLL = Duration.ofMillis(100);
  private static final int ATTEMPTS = 3;

  record Result(
      int count, int threads, Samples applyLatency, Samples failedApplyLatency, List<String> errors,
      double secondsApplying, double secondsToAllAvailable, int available, Map<String, Integer> states,
      Map<String, Integer> perReplica, boolean finished) {}

  private ManyModelsRun() {}

  static Result run(ControlClient client, String prefix, int count, int threads, Duration limit)
      throws InterruptedException {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(String.format("%s-%04d", prefix, i));
    }
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    List<Long> failedLatencies = Collections.synchronizedList(new ArrayList<>());
    List<String> errors = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong lastApplied = new AtomicLong();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> appliers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int first = t;
      appliers.add(Thread.ofPlatform().start(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = first; i < count && !stop.get(); i += threads) {
          for (int attempt = 1; attempt <= ATTEMPTS && !stop.get(); attempt++) {
            long t0 = System.nanoTime();
            try {
              client.apply(Manifests.iris(names.get(i), null));
              latencies.add(System.nanoTime() - t0);
              break;
            } catch (RuntimeException e) {
              failedLatencies.add(System.nanoTime() - t0);
              errors.add(names.get(i) + " (attempt " + attempt + "): " + e.getMessage());
            }
          }
        }
        lastApplied.accumulateAndGet(System.nanoTime(), Math::max);
      }));
    }
    long start = System.nanoTime();
    go.countDown();
    Set<String> wanted = ConcurrentHashMap.newKeySet();
    wanted.addAll(names);
    long deadline = start + limit.toNanos();
    int available = 0;
    Map<String, Integer> states = new TreeMap<>();
    Map<String, Integer> perReplica = new TreeMap<>();
    boolean finished = false;
    long end = System.nanoTime();
    while (System.nanoTime() < deadline) {
      Polling.pause(POLL);
      List<ResourceStatus> items = client.models();
      end = System.nanoTime();
      states = new TreeMap<>();
      perReplica = new TreeMap<>();
      available = 0;
      for (ResourceStatus s : items) {
        if (wanted.contains(s.getRef().getName())) {
          states.merge(s.getState(), 1, Integer::sum);
          for (var r : s.getModel().getReplicasList()) {
            perReplica.merge(r.getServer() + "-" + r.getReplicaIndex(), 1, Integer::sum);
          }
          if (ControlClient.AVAILABLE.equals(s.getState())) {
            available++;
          }
        }
      }
      if (available == count) {
        finished = true;
        break;
      }
    }
    stop.set(true);
    for (Thread t : appliers) {
      t.join();
    }
    int listed = states.values().stream().mapToInt(Integer::intValue).sum();
    if (listed < count) {
      states.put("(not in List)", count - listed);
    }
    double applying = lastApplied.get() == 0 ? Double.NaN : (lastApplied.get() - start) / 1e9;
    return new Result(count, threads, Samples.of(latencies), Samples.of(failedLatencies), List.copyOf(errors),
        applying, (end - start) / 1e9, available, states, perReplica, finished);
  }
}
