package io.trantor.security;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.TlsKeyPair;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServerTlsConfig;
import io.netty.handler.ssl.ClientAuth;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * A listener's TLS identity: {@code --tls-cert FILE --tls-key FILE [--tls-client-ca FILE]}. With a
 * client CA, clients must present a certificate it signed (mTLS). The files are read again on the
 * first handshake after they change, so certificates rotate without a restart.
 *
 * @param cert PEM certificate chain, the server's certificate first
 * @param key PEM private key (PKCS#8 or PKCS#1) of that certificate
 * @param clientCa PEM CA certificates that sign client certificates; empty: no client certificates
 */
public record ServerTlsFiles(Path cert, Path key, Optional<Path> clientCa) implements ListenerTls {
  public ServerTlsFiles {
    requireNonNull(cert, "cert");
    requireNonNull(key, "key");
    clientCa = clientCa == null ? Optional.empty() : clientCa;
  }

  /**
   * Reads and checks every file now (readable, PEM, key matches certificate, not expired), so a bad
   * file stops the process at start with a {@link TlsFileException} naming it.
   */
  public Loaded load() {
    TlsKeyPair pair = new PemFile(cert).keyPair(key);
    List<X509Certificate> trusted = clientCa.map(ca -> new PemFile(ca).certificates()).orElse(List.of());
    return new Loaded(pair, trusted);
  }

  @Override
  public void bind(ServerBuilder server, InetSocketAddress address) {
    ReloadingTlsProvider provider = new ReloadingTlsProvider(this);
    server.https(address)
        .tlsProvider(provider, ServerTlsConfig.builder()
            .clientAuth(clientCa.isPresent() ? ClientAuth.REQUIRE : ClientAuth.NONE)
            .build());
  }

  @Override
  public String scheme() {
    return "https";
  }

  /** The files' content, checked. */
  public record Loaded(TlsKeyPair keyPair, List<X509Certificate> trustedClientCas) {
    public Loaded {
      trustedClientCas = List.copyOf(trustedClientCas);
    }
  }
}
