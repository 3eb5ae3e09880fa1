package io.trantor.agent.server;

import com.linecorp.armeria.common.HttpHeaders;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.logging.RequestLog;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.SimpleDecoratingHttpService;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.trantor.protocol.tracing.ServerSpans;

/**
 * The agent's SERVER span of every request, the child of the gateway's span when the request came
 * through a gateway that traces (its {@code traceparent}), with the request's {@code x-request-id}.
 * The span is current while the request is handed to the model, so code on that thread sees it.
 */
final class RequestSpans {
  private final ServerSpans spans;

  RequestSpans(OpenTelemetry openTelemetry) {
    this.spans = new ServerSpans(openTelemetry, "io.trantor.agent");
  }

  boolean enabled() {
    return spans.enabled();
  }

  HttpService decorate(HttpService delegate) {
    return new SimpleDecoratingHttpService(delegate) {
      @Override
      public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) throws Exception {
        RequestHeaders headers = req.headers();
        MediaType type = headers.contentType();
        boolean grpc = type != null && type.subtype().startsWith("grpc");
        Context context = spans.start(grpc, ctx.method().name(), ctx.config().route().patternString(), ctx.path(),
            headers.names(), headers::get, headers.get("x-request-id"));
        ctx.log().whenComplete().thenAccept(log ->
            spans.end(context, log.responseHeaders().status().code(), grpc ? grpcStatus(log) : null));
        try (Scope ignored = context.makeCurrent()) {
          return unwrap().serve(ctx, req);
        }
      }
    };
  }

  /** From the trailers, or the headers of a trailers-only answer. */
  private static Long grpcStatus(RequestLog log) {
    for (HttpHeaders headers : new HttpHeaders[] {log.responseTrailers(), log.responseHeaders()}) {
      String status = headers.get("grpc-status");
      if (status != null) {
        try {
          return Long.valueOf(status.trim());
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
    return null;
  }
}
