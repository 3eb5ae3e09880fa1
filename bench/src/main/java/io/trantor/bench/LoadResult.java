package io.trantor.bench;

import org.HdrHistogram.Histogram;

/** What one closed-loop run measured. */
record LoadResult(
    String label, int concurrency, long requests, long errors, double seconds, Histogram latencyNanos, double serverCpuSeconds) {

  double requestsPerSecond() {
    return requests / seconds;
  }

  double micros(double percentile) {
    return latencyNanos.getValueAtPercentile(percentile) / 1000.0;
  }

  /** Server CPU time per request in microseconds, or NaN when the server's CPU was not measured. */
  double cpuMicrosPerRequest() {
    return serverCpuSeconds < 0 ? Double.NaN : serverCpuSeconds * 1e6 / requests;
  }
}
