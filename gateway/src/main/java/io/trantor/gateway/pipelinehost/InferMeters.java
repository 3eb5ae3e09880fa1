package io.trantor.gateway.pipelinehost;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Seldon's five meters of one label set, as its model and its pipeline metrics both have them: the
 * request count and seconds, their aggregate forms, and the latency histogram.
 */
public record InferMeters(Counter infer, Counter inferSeconds, Counter aggregate, Counter aggregateSeconds, Timer api) {
  /** One answered request that took {@code nanos}. */
  public void record(long nanos) {
    double seconds = nanos / 1e9;
    infer.increment();
    inferSeconds.increment(seconds);
    aggregate.increment();
    aggregateSeconds.increment(seconds);
    api.record(nanos, TimeUnit.NANOSECONDS);
  }
}
