package io.trantor.gateway.ingress;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.RequestHeadersBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.util.Map;

/**
 * The headers a replica gets with a request the gateway forwards: the caller's, addressed to the
 * replica instead of the gateway, without the caller's sticky-session header (that is the
 * gateway's business), and with the routed {@code <model>_<version>} and the request id.
 */
final class ReplicaHeaders {
  private ReplicaHeaders() {}

  /**
   * What a hop carries of the request it serves: its id, and the trace context of the gateway's
   * span ({@link RequestSpans#hopHeaders}), which replaces the caller's (the caller's span is the
   * gateway span's parent); with tracing off it is empty and the caller's passes on unchanged.
   */
  record Hop(String requestId, Map<String, String> trace) {
    static Hop of(ServiceRequestContext ctx) {
      return new Hop(ctx.attr(RequestIds.ID), RequestSpans.hopHeaders(ctx));
    }
  }

  static RequestHeadersBuilder of(RequestHeaders caller, ModelTarget target, Hop hop) {
    String requestId = hop.requestId();
    RequestHeadersBuilder headers = caller.toBuilder();
    hop.trace().forEach(headers::set);
    return headers
        .removeAndThen(HttpHeaderNames.AUTHORITY)
        .removeAndThen(HttpHeaderNames.HOST)
        .removeAndThen(RestProxy.X_SELDON_ROUTE)
        .set(RestProxy.SELDON_INTERNAL_MODEL, target.internalName())
        .set(RequestIds.HEADER, requestId == null ? "" : requestId);
  }
}
