package io.trantor.gateway.ingress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.trantor.gateway.pipelinehost.InferMeters;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Seldon's inference metrics (reference §8), recorded per request at the gateway:
 * {@code seldon_model_infer_total} and {@code seldon_model_infer_seconds_total} (labels server,
 * server_replica, model, model_internal, method_type, code), their {@code aggregate} forms
 * (server, server_replica, method_type), and the histogram {@code seldon_model_infer_api_seconds}
 * (server, server_replica, method, code). {@code server} is the replica's server; both are empty
 * when no replica was reached. Only routed requests are counted, so {@code model} is always a name of
 * the routing table.
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
  // The meters of one label set, looked up once: building tags and registering five meters on
  // every request cost more than the rest of the gateway's own work (JFR, issue 16).
  private final Map<Labels, InferMeters> meters = new ConcurrentHashMap<>();

  private record Labels(String server, String serverReplica, String model, String modelInternal, String methodType,
      String method, String code) {}


  InferMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * @param model the name the caller asked for
   * @param target where it was routed (unrouted requests are not a model's: RequestMetrics counts them)
   * @param replica the replica that answered (or failed), or null
   * @param method HTTP verb for REST, "grpc" for gRPC
   * @param code HTTP status ("200") or gRPC code ("OK", "NotFound")
   */
  void record(String model, ModelTarget target, Replica replica, String methodType, String method, String code,
      long nanos) {
    Labels labels = new Labels(
        replica == null ? "" : replica.server(),
        replica == null ? "" : Integer.toString(replica.replicaIndex()),
        model == null ? "" : model,
        target.internalName(),
        methodType, method, code);
    meters.computeIfAbsent(labels, this::register).record(nanos);
  }

  private InferMeters register(Labels labels) {
    Tags replicaTags = Tags.of("server", labels.server(), "server_replica", labels.serverReplica());
    Tags modelTags = replicaTags.and(
        "model", labels.model(),
        "model_internal", labels.modelInternal(),
        "method_type", labels.methodType(),
        "code", labels.code());
    Tags aggregate = replicaTags.and("method_type", labels.methodType());
    return new InferMeters(
        Counter.builder("seldon_model_infer").tags(modelTags).register(registry),
        Counter.builder("seldon_model_infer_seconds").tags(modelTags).register(registry),
        Counter.builder("seldon_model_aggregate_infer").tags(aggregate).register(registry),
        Counter.builder("seldon_model_aggregate_infer_seconds").tags(aggregate).register(registry),
        Timer.builder("seldon_model_infer_api")
            .tags(replicaTags.and("method", labels.method(), "code", labels.code()))
            .serviceLevelObjectives(BUCKETS)
            .register(registry));
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
