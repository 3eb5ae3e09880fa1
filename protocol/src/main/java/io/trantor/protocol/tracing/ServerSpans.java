package io.trantor.protocol.tracing;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * SERVER spans for the OIP requests a process answers, continuing the caller's W3C
 * {@code traceparent} (a malformed one is ignored by the propagator, so the request starts a new
 * trace), and the trace-context headers of the hops a request makes from inside its span. Built on
 * the OpenTelemetry API only: the process that assembles the parts (cli) brings the SDK, or
 * {@link OpenTelemetry#noop()} for none.
 */
public final class ServerSpans {
  /** {@code x-request-id}, named as the semantic conventions name request-header attributes. */
  public static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("http.request.header.x-request-id");
  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
  private static final AttributeKey<String> RPC_SYSTEM = AttributeKey.stringKey("rpc.system");
  private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  private static final AttributeKey<Long> GRPC_STATUS = AttributeKey.longKey("rpc.grpc.status_code");
  // The gRPC codes semantic conventions count as a server's own failure (UNKNOWN, DEADLINE_EXCEEDED,
  // UNIMPLEMENTED, INTERNAL, UNAVAILABLE, DATA_LOSS); the others are the caller's.
  private static final Set<Long> GRPC_SERVER_ERRORS = Set.of(2L, 4L, 12L, 13L, 14L, 15L);

  private final boolean enabled;
  private final Tracer tracer;
  private final TextMapPropagator propagator;

  /** @param scope the instrumentation scope, e.g. {@code io.trantor.gateway} */
  public ServerSpans(OpenTelemetry openTelemetry, String scope) {
    requireNonNull(openTelemetry, "openTelemetry");
    this.enabled = openTelemetry != OpenTelemetry.noop();
    this.tracer = openTelemetry.getTracer(scope);
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
  }

  /** False for {@link OpenTelemetry#noop()}: callers then skip the work of spans altogether. */
  public boolean enabled() {
    return enabled;
  }

  /**
   * Starts the SERVER span of one request: a gRPC call (content type {@code application/grpc*}) is
   * named by its method, e.g. {@code inference.GRPCInferenceService/ModelInfer}; REST by
   * {@code <method> <route>}, the route pattern that matched (low in cardinality, not the raw path).
   *
   * @param headerNames the request's header names, {@code header} looks one up
   */
  public ServerSpan start(String method, String route, String path, Iterable<? extends CharSequence> headerNames,
      Function<String, String> header, String requestId) {
    String type = header.apply("content-type");
    boolean grpc = type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/grpc");
    Context parent = propagator.extract(Context.root(), new Headers(headerNames, header), Headers.GETTER);
    var span = tracer.spanBuilder(grpc ? path.substring(path.startsWith("/") ? 1 : 0) : method + " " + route)
        .setParent(parent)
        .setSpanKind(SpanKind.SERVER)
        .setAttribute(METHOD, method)
        .setAttribute(PATH, path);
    if (grpc) {
      span.setAttribute(RPC_SYSTEM, "grpc");
    }
    if (requestId != null && !requestId.isBlank()) {
      span.setAttribute(REQUEST_ID, requestId);
    }
    return new ServerSpan(parent.with(span.startSpan()), grpc, propagator);
  }

  /** One request's SERVER span, in its context. */
  public record ServerSpan(Context context, boolean grpc, TextMapPropagator propagator) {
    /** Makes the span current on this thread, for the synchronous part of handling the request. */
    public Scope makeCurrent() {
      return context.makeCurrent();
    }

    /**
     * Ends the span with the answer's status.
     *
     * @param grpcStatus how to read {@code grpc-status} of a gRPC answer (trailers, else headers of a
     *     trailers-only answer); ignored for REST
     */
    public void end(int httpStatus, Function<String, String> grpcStatus) {
      Span span = Span.fromContext(context);
      span.setAttribute(STATUS, (long) httpStatus);
      Long code = grpc ? grpcCode(grpcStatus.apply("grpc-status")) : null;
      if (code != null) {
        span.setAttribute(GRPC_STATUS, code);
      }
      if (httpStatus >= 500 || (code != null && GRPC_SERVER_ERRORS.contains(code))) {
        span.setStatus(StatusCode.ERROR);
      }
      span.end();
    }

    /** The trace-context headers ({@code traceparent}, {@code tracestate}) of a hop made inside this span. */
    public Map<String, String> hopHeaders() {
      Map<String, String> out = new LinkedHashMap<>(4);
      propagator.inject(context, out, (carrier, name, value) -> carrier.put(name, value));
      return out;
    }
  }

  /** A {@code grpc-status} value as a number, null when absent or not one. */
  public static Long grpcCode(String status) {
    try {
      return status == null ? null : Long.valueOf(status.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A request's headers as the propagator reads them. */
  private record Headers(Iterable<? extends CharSequence> names, Function<String, String> lookup) {
    static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {
      @Override
      public Iterable<String> keys(Headers carrier) {
        List<String> keys = new ArrayList<>();
        if (carrier != null) {
          carrier.names().forEach(name -> keys.add(name.toString()));
        }
        return keys;
      }

      @Override
      public String get(Headers carrier, String key) {
        return carrier == null ? null : carrier.lookup().apply(key);
      }
    };
  }
}
