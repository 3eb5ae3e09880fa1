package io.trantor.gateway.ingress;

import java.time.Duration;
import java.util.Map;

/**
 * What the proxies need of the gateway's settings (the root package's {@code GatewayConfig} has
 * validated them).
 *
 * @param requestTimeout  longest a model may take to answer, unless {@code modelTimeouts} names it
 * @param modelTimeouts   per-model overrides of {@code requestTimeout}, by model name
 * @param maxRequestBytes largest accepted request body or gRPC message
 */
public record ProxySettings(Duration requestTimeout, Map<String, Duration> modelTimeouts, long maxRequestBytes) {
  public ProxySettings {
    modelTimeouts = Map.copyOf(modelTimeouts);
  }

  /** How long {@code model} may take to answer. */
  public Duration timeoutFor(String model) {
    return modelTimeouts.getOrDefault(model, requestTimeout);
  }
}
