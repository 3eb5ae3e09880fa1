package io.trantor.gateway;

import io.trantor.gateway.ingress.ProxySettings;
import io.trantor.kafka.KafkaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings of a gateway process.
 *
 * @param host address to bind; {@code 0.0.0.0} serves every interface, tests use {@code 127.0.0.1}
 * @param port one port for OIP REST (HTTP/1.1 and h2c) and gRPC; 0 picks a free port
 * @param controlTarget {@code host:port} of the control plane's gRPC API, where the gateway
 *     watches the route table ({@code RouteService.WatchRoutes})
 * @param requestTimeout longest a model may take to answer before the caller gets 504 /
 *     DEADLINE_EXCEEDED, for every model without an entry in {@code modelTimeouts}
 * @param modelTimeouts per-model overrides of {@code requestTimeout}, by model name
 * @param maxRequestBytes largest accepted request body or gRPC message; larger gets 413 /
 *     RESOURCE_EXHAUSTED
 * @param kafka the Kafka cluster of pipelines; with it the gateway also runs the pipeline gateway
 *     ({@code Seldon-Model: <p>.pipeline}, {@code /v2/pipelines/<p>/...}) and the model gateway;
 *     {@code null}: models only, pipelines answer 404
 */
public record GatewayConfig(
    String host,
    int port,
    String controlTarget,
    Duration requestTimeout,
    Map<String, Duration> modelTimeouts,
    long maxRequestBytes,
    KafkaSettings kafka) {

  /** Seldon's Envoy listens on 9000. */
  public static final int DEFAULT_PORT = 9000;
  /** Seldon's Envoy route timeout. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
  public static final long DEFAULT_MAX_REQUEST_BYTES = 64L * 1024 * 1024;

  public GatewayConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host: must not be empty");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: must be between 0 and 65535, got " + port);
    }
    if (controlTarget == null || controlTarget.isBlank()) {
      throw new IllegalArgumentException("controlTarget: must be host:port of the control plane");
    }
    if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout: must be > 0, got " + requestTimeout);
    }
    modelTimeouts = Map.copyOf(modelTimeouts == null ? Map.of() : modelTimeouts);
    modelTimeouts.forEach((model, timeout) -> {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("modelTimeouts." + model + ": must be > 0, got " + timeout);
      }
    });
    if (maxRequestBytes <= 0) {
      throw new IllegalArgumentException("maxRequestBytes: must be > 0, got " + maxRequestBytes);
    }
  }

  /** Without Kafka: models only. */
  public GatewayConfig(String host, int port, String controlTarget, Duration requestTimeout,
      Map<String, Duration> modelTimeouts, long maxRequestBytes) {
    this(host, port, controlTarget, requestTimeout, modelTimeouts, maxRequestBytes, null);
  }

  /** Defaults for everything but where to listen and where the control plane is. */
  public GatewayConfig(String host, int port, String controlTarget) {
    this(host, port, controlTarget, DEFAULT_REQUEST_TIMEOUT, Map.of(), DEFAULT_MAX_REQUEST_BYTES, null);
  }

  /** How long {@code model} may take to answer. */
  public Duration timeoutFor(String model) {
    return proxy().timeoutFor(model);
  }

  /** The settings the REST and gRPC proxies use. */
  public ProxySettings proxy() {
    return new ProxySettings(requestTimeout, modelTimeouts, maxRequestBytes);
  }

  public GatewayConfig withModelTimeout(String model, Duration timeout) {
    Map<String, Duration> timeouts = new HashMap<>(modelTimeouts);
    timeouts.put(model, timeout);
    return new GatewayConfig(host, port, controlTarget, requestTimeout, timeouts, maxRequestBytes, kafka);
  }

  public GatewayConfig withMaxRequestBytes(long newMax) {
    return new GatewayConfig(host, port, controlTarget, requestTimeout, modelTimeouts, newMax, kafka);
  }

  public GatewayConfig withRequestTimeout(Duration newTimeout) {
    return new GatewayConfig(host, port, controlTarget, newTimeout, modelTimeouts, maxRequestBytes, kafka);
  }

  /** The same gateway with pipelines over {@code newKafka} ({@code null}: none). */
  public GatewayConfig withKafka(KafkaSettings newKafka) {
    return new GatewayConfig(host, port, controlTarget, requestTimeout, modelTimeouts, maxRequestBytes, newKafka);
  }
}
