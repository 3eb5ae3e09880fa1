package io.trantor.gateway.ingress;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.logging.RequestLog;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.SimpleDecoratingHttpService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.netty.util.AttributeKey;
import java.time.Duration;
import io.trantor.protocol.tracing.ServerSpans;
import java.util.Map;
import java.util.function.Function;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Trantor's own request metrics at the gateway, for every OIP request (REST under {@code /v2},
 * and gRPC): {@code trantor_gateway_requests_total} and the histogram
 * {@code trantor_gateway_request_seconds}, labels {@code name}, {@code kind}, {@code protocol},
 * {@code code}. The name is one the routing table knew (set by the proxies with
 * {@link #routed}); a request that was not routed is counted with {@code name=""} and
 * {@code kind="none"}, so a caller sending made-up names cannot grow the label set.
 */
final class RequestMetrics {
  static final String MODEL = "model";
  static final String PIPELINE = "pipeline";
  private static final String NONE = "none";
  private static final AttributeKey<Routed> ROUTED = AttributeKey.valueOf(RequestMetrics.class, "routed");
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
    Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
    Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
    Duration.ofSeconds(30), Duration.ofSeconds(60)
  };

  private record Routed(String kind, String name) {}

  private record Labels(String name, String kind, String protocol, String code) {}

  private record Meters(Counter requests, Timer seconds) {}

  private final MeterRegistry registry;
  // Looked up once per label set: building tags per request is measurable on the hot path (issue 16).
  private final Map<Labels, Meters> meters = new ConcurrentHashMap<>();

  RequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Marks the request as routed to {@code name}, a model or pipeline of the routing table. */
  static void routed(ServiceRequestContext ctx, String kind, String name) {
    ctx.setAttr(ROUTED, new Routed(kind, name));
  }

  HttpService decorate(HttpService delegate) {
    return new SimpleDecoratingHttpService(delegate) {
      @Override
      public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) throws Exception {
        if (counted(ctx, req)) {
          long start = System.nanoTime();
          boolean grpc = isGrpc(req.headers().contentType());
          ctx.log().whenComplete().thenAccept(log -> record(ctx, log, grpc, System.nanoTime() - start));
        }
        return unwrap().serve(ctx, req);
      }
    };
  }

  private static boolean counted(ServiceRequestContext ctx, HttpRequest req) {
    return ctx.path().startsWith("/v2") || isGrpc(req.headers().contentType());
  }

  private static boolean isGrpc(MediaType type) {
    return type != null && type.subtype().startsWith("grpc");
  }

  private void record(ServiceRequestContext ctx, RequestLog log, boolean grpc, long nanos) {
    Routed routed = ctx.attr(ROUTED);
    Labels labels = new Labels(
        routed == null ? "" : routed.name(),
        routed == null ? NONE : routed.kind(),
        grpc ? InferMetrics.GRPC : InferMetrics.REST,
        grpc ? grpcCode(log) : log.responseHeaders().status().codeAsText());
    Meters m = meters.computeIfAbsent(labels, this::register);
    m.requests().increment();
    m.seconds().record(nanos, TimeUnit.NANOSECONDS);
  }

  /** The call's gRPC status in Seldon's spelling ("OK", "NotFound"). */
  private static String grpcCode(RequestLog log) {
    Long status = ServerSpans.grpcCode(grpcStatus(log).apply("grpc-status"));
    return status == null ? "Unknown" : InferMetrics.grpcCode(io.grpc.Status.fromCodeValue(status.intValue()).getCode());
  }

  /** Reads a header of the answer's trailers, else of its headers (a trailers-only gRPC answer). */
  static Function<String, String> grpcStatus(RequestLog log) {
    return name -> {
      String value = log.responseTrailers().get(name);
      return value != null ? value : log.responseHeaders().get(name);
    };
  }

  private Meters register(Labels labels) {
    Tags tags = Tags.of("name", labels.name(), "kind", labels.kind(), "protocol", labels.protocol(), "code", labels.code());
    return new Meters(
        Counter.builder("trantor_gateway_requests").description("Requests answered by the gateway").tags(tags)
            .register(registry),
        Timer.builder("trantor_gateway_request").description("Time from a request's arrival at the gateway to its answer's end")
            .tags(tags).serviceLevelObjectives(BUCKETS).register(registry));
  }
}
