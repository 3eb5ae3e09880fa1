package io.trantor.gateway.ingress;

import com.linecorp.armeria.client.ClientFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clients of every replica endpoint the gateway has seen, one {@link Upstream} per
 * {@code host:port}. Kept across route changes, so a version switch on the same replicas reuses
 * connections and in-flight counts. Owns the connection pool.
 */
public final class Upstreams implements AutoCloseable {
  /** Envoy's connect timeout for model clusters. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final ClientFactory factory = ClientFactory.builder().connectTimeout(CONNECT_TIMEOUT).build();
  private final Map<String, Upstream> byEndpoint = new ConcurrentHashMap<>();

  Upstream get(String endpoint) {
    return byEndpoint.computeIfAbsent(endpoint, e -> new Upstream(e, factory));
  }

  @Override
  public void close() {
    factory.close();
  }
}
