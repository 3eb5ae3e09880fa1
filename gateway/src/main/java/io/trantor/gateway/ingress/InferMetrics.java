package io.trantor.gateway.ingress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Seldon's inference metrics (reference §8), recorded per request at the gateway:
 * {@code seldon_model_infer_total} and {@code seldon_model_infer_seconds_total} (labels server,
 * server_replica, model, model_internal, method_type, code), their {@code aggregate} forms
 * (server, server_replica, method_type), and the histogram {@code seldon_model_infer_api_seconds}
 * (server, server_replica, method, code). {@code server} is the replica's server; both are empty
 * when no replica was reached.
 */
final class InferMetrics {
  static final String REST = "rest";
  static final String GRPC = "grpc";
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
    Duration.ofMillis(75), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
    Duration.ofMillis(750), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
    Duration.ofMillis(7500), Duration.ofSeconds(10)
  };

  private final MeterRegistry registry;

  InferMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * @param model the name the caller asked for
   * @param target where it was routed, or null when it was not
   * @param replica the replica that answered (or failed), or null
   * @param method HTTP verb for REST, "grpc" for gRPC
   * @param code HTTP status ("200") or gRPC code ("OK", "NotFound")
   */
  void record(String model, ModelTarget target, Replica replica, String methodType, String method, String code,
      long nanos) {
    String server = replica == null ? "" : replica.server();
    String serverReplica = replica == null ? "" : Integer.toString(replica.replicaIndex());
    Tags replicaTags = Tags.of("server", server, "server_replica", serverReplica);
    Tags modelTags = replicaTags.and(
        "model", model == null ? "" : model,
        "model_internal", target == null ? "" : target.internalName(),
        "method_type", methodType,
        "code", code);
    double seconds = nanos / 1e9;
    Counter.builder("seldon_model_infer").tags(modelTags).register(registry).increment();
    Counter.builder("seldon_model_infer_seconds").tags(modelTags).register(registry).increment(seconds);
    Tags aggregate = replicaTags.and("method_type", methodType);
    Counter.builder("seldon_model_aggregate_infer").tags(aggregate).register(registry).increment();
    Counter.builder("seldon_model_aggregate_infer_seconds").tags(aggregate).register(registry).increment(seconds);
    Timer.builder("seldon_model_infer_api")
        .tags(replicaTags.and("method", method, "code", code))
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Go's names of gRPC codes, as Seldon's labels use them: NOT_FOUND -> NotFound, OK -> OK. */
  static String grpcCode(io.grpc.Status.Code code) {
    if (code == io.grpc.Status.Code.OK) {
      return "OK";
    }
    StringBuilder out = new StringBuilder();
    for (String word : code.name().split("_")) {
      out.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return out.toString();
  }
}
