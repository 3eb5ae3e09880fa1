package io.trantor.gateway.ingress;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpHeaders;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.SplitHttpResponse;
import com.linecorp.armeria.common.stream.StreamMessage;
import com.linecorp.armeria.common.HttpData;
import java.util.concurrent.CompletableFuture;

/**
 * A replica's response whose headers have arrived while its body and trailers may still be on
 * their way. The gateway passes it on as it streams, without holding the whole body: a
 * {@link ReplicaCall} completes with it once the replica has started answering, so a replica
 * that closes the connection before any answer still counts as "no answer" and is retried.
 */
record UpstreamAnswer(ResponseHeaders headers, StreamMessage<HttpData> body, CompletableFuture<HttpHeaders> trailers) {

  /** Completes when {@code response}'s (non-informational) headers arrive; fails as the response does before that. */
  static CompletableFuture<UpstreamAnswer> of(HttpResponse response) {
    SplitHttpResponse split = response.split();
    return split.headers().thenApply(headers -> new UpstreamAnswer(headers, split.body(), split.trailers()));
  }

  /** The answer as the gateway's own, minus the headers the gateway sets itself. */
  HttpResponse passOn() {
    ResponseHeaders own = headers.toBuilder()
        .removeAndThen(RequestIds.HEADER)
        .removeAndThen(RestProxy.X_SELDON_ROUTE)
        .removeAndThen(HttpHeaderNames.SERVER)
        .removeAndThen(HttpHeaderNames.DATE)
        .build();
    return HttpResponse.of(own, body, trailers);
  }
}
