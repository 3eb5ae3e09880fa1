package io.trantor.gateway.pipelinehost;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Seldon's pipeline-gateway metrics, with its names and labels: {@code seldon_pipeline_infer_total}
 * and {@code seldon_pipeline_infer_seconds_total} (server, pipeline, method_type, code), their
 * aggregate forms {@code seldon_pipeline_aggregate_infer_total} and
 * {@code seldon_pipeline_aggregate_infer_seconds_total} (server, method_type) and the histogram
 * {@code seldon_pipeline_infer_api_seconds} (server, pipeline, method, code). {@code server} is
 * {@code pipeline-gateway}, as Seldon's. Callers pass only registered pipeline names, so the
 * label set stays as small as the set of pipelines.
 */
public final class PipelineMetrics {
  /** Seldon's pipeline gateway names itself so in the {@code server} label. */
  public static final String SERVER = "pipeline-gateway";
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
    Duration.ofMillis(75), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
    Duration.ofMillis(750), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
    Duration.ofMillis(7500), Duration.ofSeconds(10)
  };

  private record Labels(String pipeline, String methodType, String code) {}


  private final MeterRegistry registry;
  private final Map<Labels, InferMeters> meters = new ConcurrentHashMap<>();

  public PipelineMetrics(MeterRegistry registry) {
    this.registry = requireNonNull(registry, "registry");
  }

  /**
   * @param pipeline a registered pipeline's name
   * @param methodType {@code rest} or {@code grpc}
   * @param code HTTP status ("200") or gRPC code in Go's spelling ("OK", "DeadlineExceeded")
   */
  public void record(String pipeline, String methodType, String code, long nanos) {
    meters.computeIfAbsent(new Labels(pipeline, methodType, code), this::register).record(nanos);
  }

  private InferMeters register(Labels labels) {
    Tags perPipeline = Tags.of("server", SERVER, "pipeline", labels.pipeline(),
        "method_type", labels.methodType(), "code", labels.code());
    Tags aggregate = Tags.of("server", SERVER, "method_type", labels.methodType());
    return new InferMeters(
        Counter.builder("seldon_pipeline_infer").description("Pipeline inference requests answered")
            .tags(perPipeline).register(registry),
        Counter.builder("seldon_pipeline_infer_seconds").description("Seconds spent answering pipeline inference requests")
            .tags(perPipeline).register(registry),
        Counter.builder("seldon_pipeline_aggregate_infer").description("Pipeline inference requests answered, all pipelines")
            .tags(aggregate).register(registry),
        Counter.builder("seldon_pipeline_aggregate_infer_seconds")
            .description("Seconds spent answering pipeline inference requests, all pipelines").tags(aggregate).register(registry),
        Timer.builder("seldon_pipeline_infer_api").description("Latency of pipeline inference requests")
            .tags(Tags.of("server", SERVER, "pipeline", labels.pipeline(), "method", labels.methodType(),
                "code", labels.code()))
            .serviceLevelObjectives(BUCKETS).register(registry));
  }
}
