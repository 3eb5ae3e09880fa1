package io.trantor.gateway.ingress;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.RequestHeadersBuilder;

/**
 * The headers a replica gets with a request the gateway forwards: the caller's, addressed to the
 * replica instead of the gateway, without the caller's sticky-session header (that is the
 * gateway's business), and with the routed {@code <model>_<version>} and the request id.
 */
final class ReplicaHeaders {
  private ReplicaHeaders() {}

  static RequestHeadersBuilder of(RequestHeaders caller, ModelTarget target, String requestId) {
    return caller.toBuilder()
        .removeAndThen(HttpHeaderNames.AUTHORITY)
        .removeAndThen(HttpHeaderNames.HOST)
        .removeAndThen(RestProxy.X_SELDON_ROUTE)
        .set(RestProxy.SELDON_INTERNAL_MODEL, target.internalName())
        .set(RequestIds.HEADER, requestId == null ? "" : requestId);
  }
}
