package io.trantor.gateway.ingress;

import com.linecorp.armeria.client.ClientRequestContext;
import com.linecorp.armeria.client.ClientRequestContextCaptor;
import com.linecorp.armeria.client.Clients;
import com.linecorp.armeria.common.HttpHeaders;
import com.linecorp.armeria.common.logging.RequestLog;
import com.linecorp.armeria.common.util.SafeCloseable;
import io.trantor.gateway.pipelinehost.ModelCaller;
import io.trantor.gateway.pipelinehost.ModelReply;
import io.trantor.protocol.grpc.ModelInferRequest;
import io.trantor.protocol.grpc.ModelInferResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The model gateway's way to a model: the same route table, balancing, retry and per-model
 * timeout as a gRPC ModelInfer through the gateway, without a network hop to itself. As Seldon's
 * model gateway does, it sends every {@code x-*} header but {@code x-seldon-route} as metadata,
 * plus {@code seldon-model}, and returns the replica's {@code x-*} response headers and trailers.
 */
final class RoutedModelCaller implements ModelCaller {
  private final GatewayRoutes routes;
  private final LeastOutstanding balancer;
  private final ProxySettings config;

  RoutedModelCaller(GatewayRoutes routes, LeastOutstanding balancer, ProxySettings config) {
    this.routes = routes;
    this.balancer = balancer;
    this.config = config;
  }

  @Override
  @SuppressWarnings("try") // the headers scope is used by the call inside it, not by name
  public CompletableFuture<ModelReply> infer(String model, ModelInferRequest request, Map<String, String> headers) {
    ModelTarget target;
    try {
      target = routes.resolve(model, model, List.of()).target();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    long timeoutMillis = config.timeoutFor(target.model()).toMillis();
    ModelInferRequest routed = request.toBuilder().setModelName(target.internalName()).setModelVersion("").build();
    return new ReplicaCall<ModelReply>(target, balancer, replica -> {
      var stub = replica.upstream().grpc().withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS);
      CompletableFuture<ModelInferResponse> answer;
      ClientRequestContext ctx;
      try (SafeCloseable ignored = Clients.withHeaders(h -> {
            headers.forEach((name, value) -> {
              if (!name.equalsIgnoreCase(RestProxy.X_SELDON_ROUTE)) {
                h.set(name.toLowerCase(Locale.ROOT), value);
              }
            });
            h.set(GatewayRoutes.SELDON_MODEL, model);
            h.set(RestProxy.SELDON_INTERNAL_MODEL, target.internalName());
          });
          ClientRequestContextCaptor captor = Clients.newContextCaptor()) {
        answer = UnaryFuture.of(o -> stub.modelInfer(routed, o));
        ctx = captor.getOrNull();
      }
      if (ctx == null) {
        return answer.thenApply(response -> new ModelReply(response, Map.of()));
      }
      return answer.thenCompose(response -> ctx.log().whenComplete()
          .thenApply(log -> new ModelReply(response, xHeaders(log))));
    }).run();
  }

  private static Map<String, String> xHeaders(RequestLog log) {
    Map<String, String> out = new HashMap<>();
    for (HttpHeaders headers : List.of(log.responseHeaders(), log.responseTrailers())) {
      headers.forEach((name, value) -> {
        String lower = name.toString().toLowerCase(Locale.ROOT);
        if (lower.startsWith("x-") && !lower.equals(RestProxy.X_SELDON_ROUTE) && !lower.equals(RequestIds.HEADER)) {
          out.put(lower, value);
        }
      });
    }
    return out;
  }
}
