package io.trantor.gateway.ingress;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.SimpleDecoratingHttpService;
import io.grpc.Metadata;
import io.netty.util.AttributeKey;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Scope;
import io.trantor.protocol.tracing.ServerSpans;
import java.util.Map;

/**
 * The gateway's SERVER span of every request, continuing the caller's {@code traceparent}, and
 * the trace context its hop to a replica carries ({@link #hopHeaders}): the agent's span is then
 * the gateway span's child, one trace from the caller to the model.
 */
final class RequestSpans {
  private static final AttributeKey<Map<String, String>> HOP = AttributeKey.valueOf(RequestSpans.class, "hop");

  private final ServerSpans spans;

  RequestSpans(OpenTelemetry openTelemetry) {
    this.spans = new ServerSpans(openTelemetry, "io.trantor.gateway");
  }

  boolean enabled() {
    return spans.enabled();
  }

  /** Must wrap {@link RequestIds}: the span records the request id that decorator settles on. */
  HttpService decorate(HttpService delegate) {
    return new SimpleDecoratingHttpService(delegate) {
      @Override
      public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) throws Exception {
        RequestHeaders headers = req.headers();
        ServerSpans.ServerSpan span = spans.start(ctx.method().name(), ctx.config().route().patternString(), ctx.path(),
            headers.names(), headers::get, ctx.attr(RequestIds.ID));
        ctx.setAttr(HOP, span.hopHeaders());
        ctx.log().whenComplete().thenAccept(log -> span.end(log.responseHeaders().status().code(), RequestMetrics.grpcStatus(log)));
        try (Scope ignored = span.makeCurrent()) {
          return unwrap().serve(ctx, req);
        }
      }
    };
  }

  /** The trace-context headers of the request's hop to a replica; empty when tracing is off. */
  static Map<String, String> hopHeaders(ServiceRequestContext ctx) {
    Map<String, String> hop = ctx.attr(HOP);
    return hop == null ? Map.of() : hop;
  }

  /** As {@link #hopHeaders}, for a gRPC stub's call. */
  static Metadata hopMetadata(ServiceRequestContext ctx) {
    Metadata metadata = new Metadata();
    hopHeaders(ctx).forEach((name, value) -> metadata.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value));
    return metadata;
  }
}
