package io.trantor.gateway.ingress;

import com.linecorp.armeria.client.ClientFactory;
import io.trantor.security.ClientTlsFiles;
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

  private final ClientFactory factory;
  private final boolean tls;
  private final Map<String, Upstream> byEndpoint = new ConcurrentHashMap<>();

  /** Plaintext to the replicas. */
  public Upstreams() {
    this(ClientTlsFiles.NONE);
  }

  /** TLS to the replicas when {@code replicas} says so (their CA, and a client certificate for mTLS). */
  public Upstreams(ClientTlsFiles replicas) {
    this.factory = replicas.configure(ClientFactory.builder().connectTimeout(CONNECT_TIMEOUT)).build();
    this.tls = replicas.tls();
  }

  Upstream get(String endpoint) {
    return byEndpoint.computeIfAbsent(endpoint, e -> new Upstream(e, factory, tls));
  }

  @Override
  public void close() {
    factory.close();
  }
}
