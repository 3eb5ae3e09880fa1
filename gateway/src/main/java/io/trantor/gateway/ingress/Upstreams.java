package io.trantor.gateway.ingress;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.common.Flags;
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

  // Armeria's default puts every connection to one endpoint on one event loop; a gateway's load is
  // all on a few replica endpoints, so it may use every worker (as many connections, spread out).
  private final ClientFactory factory = ClientFactory.builder()
      .connectTimeout(CONNECT_TIMEOUT)
      .maxNumEventLoopsPerEndpoint(Flags.numCommonWorkers())
      .maxNumEventLoopsPerHttp1Endpoint(Flags.numCommonWorkers())
      .build();
  private final Map<String, Upstream> byEndpoint = new ConcurrentHashMap<>();

  Upstream get(String endpoint) {
    return byEndpoint.computeIfAbsent(endpoint, e -> new Upstream(e, factory));
  }

  @Override
  public void close() {
    factory.close();
  }
}
