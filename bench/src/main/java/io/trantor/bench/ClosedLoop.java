package io.trantor.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load: {@code concurrency} threads, each sending its next request as soon as the
 * previous one answered, for a fixed time after a warm-up. Latencies go into one HdrHistogram.
 */
final class ClosedLoop {
  /** One request; throws on failure. Each thread gets its own instance. */
  interface Call {
    void run() throws Exception;
  }

  interface CallFactory {
    Call create() throws Exception;
  }

  private ClosedLoop() {}

  static LoadResult run(
      String label, CallFactory factory, int concurrency, Duration warmup, Duration measure, long serverPid)
      throws Exception {
    List<Call> calls = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      calls.add(factory.create());
    }
    phase(calls, warmup, new Histogram(3_600_000_000_000L, 3), new AtomicLong(), new AtomicLong());
    Histogram histogram = new Histogram(3_600_000_000_000L, 3);
    AtomicLong requests = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    double cpuBefore = ProcessCpu.seconds(serverPid);
    long start = System.nanoTime();
    phase(calls, measure, histogram, requests, errors);
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuAfter = ProcessCpu.seconds(serverPid);
    double cpu = cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore;
    return new LoadResult(label, concurrency, requests.get(), errors.get(), seconds, histogram, cpu);
  }

  private static void phase(
      List<Call> calls, Duration length, Histogram histogram, AtomicLong requests, AtomicLong errors)
      throws InterruptedException {
    long end = System.nanoTime() + length.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (Call call : calls) {
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    Histogram local = new Histogram(3_600_000_000_000L, 3);
                    long ok = 0;
                    long failed = 0;
                    while (System.nanoTime() < end) {
                      long t0 = System.nanoTime();
                      try {
                        call.run();
                        local.recordValue(System.nanoTime() - t0);
                        ok++;
                      } catch (Exception e) {
                        failed++;
                      }
                    }
                    synchronized (histogram) {
                      histogram.add(local);
                    }
                    requests.addAndGet(ok);
                    errors.addAndGet(failed);
                  }));
    }
    for (Thread t : threads) {
      t.join();
    }
  }
}
