package io.trantor.agent.server;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.SimpleDecoratingHttpService;
import io.opentelemetry.context.Scope;
import io.trantor.protocol.tracing.ServerSpans;

/**
 * The agent's SERVER span of every request, the child of the gateway's span when the request came
 * through a gateway that traces (its {@code traceparent}), with the request's {@code x-request-id}.
 * The span is current while the request is handed to the model, so code on that thread sees it.
 */
final class RequestSpans extends SimpleDecoratingHttpService {
  private final ServerSpans spans;

  RequestSpans(HttpService delegate, ServerSpans spans) {
    super(delegate);
    this.spans = spans;
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) throws Exception {
    var span = spans.start(ctx.method().name(), ctx.config().route().patternString(), ctx.path(),
        req.headers().names(), req.headers()::get, req.headers().get("x-request-id"));
    // gRPC's status is in the trailers, or in the headers of a trailers-only answer.
    ctx.log().whenComplete().thenAccept(log -> span.end(log.responseHeaders().status().code(),
        name -> log.responseTrailers().contains(name) ? log.responseTrailers().get(name) : log.responseHeaders().get(name)));
    try (Scope ignored = span.makeCurrent()) {
      return unwrap().serve(ctx, req);
    }
  }
}
