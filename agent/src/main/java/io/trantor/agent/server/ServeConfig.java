package io.trantor.agent.server;

import java.time.Duration;

/**
 * Settings of a standalone OIP server ({@code trantor serve}).
 *
 * @param host address to bind; {@code 0.0.0.0} serves every interface (as tritonserver does),
 *     tests use {@code 127.0.0.1}
 * @param port one port for REST (HTTP/1.1 and h2c) and gRPC; 0 picks a free port
 * @param maxRequestBytes largest accepted request body or gRPC message; larger gets 413 /
 *     RESOURCE_EXHAUSTED
 * @param requestTimeout longest an inference may take before the caller gets a timeout; zero
 *     disables the limit
 * @param loadOnStart load every model folder at start; when false, models load through the
 *     repository API only
 * @param inferenceThreads where requests are decoded and models run: on the network event loops
 *     (fastest for models that answer in microseconds, the built-in runtimes' usual case) or on a
 *     separate thread pool (for slow models, so one long inference never stalls other
 *     connections)
 */
public record ServeConfig(
    String host,
    int port,
    long maxRequestBytes,
    Duration requestTimeout,
    boolean loadOnStart,
    InferenceThreads inferenceThreads) {

  /** Where requests run; see {@link ServeConfig#inferenceThreads()}. */
  public enum InferenceThreads {
    EVENT_LOOP,
    POOL
  }

  public static final int DEFAULT_PORT = 9500;
  public static final long DEFAULT_MAX_REQUEST_BYTES = 64L * 1024 * 1024;
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

  public ServeConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host: must not be empty");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: must be between 0 and 65535, got " + port);
    }
    if (maxRequestBytes <= 0) {
      throw new IllegalArgumentException("maxRequestBytes: must be > 0, got " + maxRequestBytes);
    }
    if (requestTimeout == null || requestTimeout.isNegative()) {
      throw new IllegalArgumentException("requestTimeout: must be >= 0");
    }
    if (inferenceThreads == null) {
      throw new IllegalArgumentException("inferenceThreads: must be set");
    }
  }

  /** Requests on the event loops (the default). */
  public ServeConfig(
      String host, int port, long maxRequestBytes, Duration requestTimeout, boolean loadOnStart) {
    this(host, port, maxRequestBytes, requestTimeout, loadOnStart, InferenceThreads.EVENT_LOOP);
  }

  /** Loopback, a free port, defaults otherwise: what tests want. */
  public static ServeConfig forTests() {
    return new ServeConfig("127.0.0.1", 0, DEFAULT_MAX_REQUEST_BYTES, DEFAULT_REQUEST_TIMEOUT, true);
  }

  public ServeConfig withPort(int newPort) {
    return new ServeConfig(host, newPort, maxRequestBytes, requestTimeout, loadOnStart, inferenceThreads);
  }

  public ServeConfig withMaxRequestBytes(long newMax) {
    return new ServeConfig(host, port, newMax, requestTimeout, loadOnStart, inferenceThreads);
  }

  public ServeConfig withLoadOnStart(boolean newLoadOnStart) {
    return new ServeConfig(host, port, maxRequestBytes, requestTimeout, newLoadOnStart, inferenceThreads);
  }

  public ServeConfig withInferenceThreads(InferenceThreads threads) {
    return new ServeConfig(host, port, maxRequestBytes, requestTimeout, loadOnStart, threads);
  }
}
