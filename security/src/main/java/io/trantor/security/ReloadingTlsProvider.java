package io.trantor.security;

import com.linecorp.armeria.common.TlsKeyPair;
import com.linecorp.armeria.common.TlsProvider;
import java.security.cert.X509Certificate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Armeria asks a {@link TlsProvider} for the key pair on every new connection (and caches the
 * SSL context per key pair), so checking the files' stamps here rotates certificates on the next
 * handshake after a file changes. A file caught half-written keeps the previous material until
 * it reads cleanly.
 */
final class ReloadingTlsProvider implements TlsProvider {
  private static final Logger log = LoggerFactory.getLogger(ReloadingTlsProvider.class);

  private final ServerTlsFiles files;
  private final PemFile[] watched;
  private volatile State state;

  private record State(String stamp, ServerTlsFiles.Loaded loaded) {}

  ReloadingTlsProvider(ServerTlsFiles files) {
    this.files = files;
    this.watched = files.clientCa().isPresent()
        ? new PemFile[] {new PemFile(files.cert()), new PemFile(files.key()), new PemFile(files.clientCa().get())}
        : new PemFile[] {new PemFile(files.cert()), new PemFile(files.key())};
    String stamp = PemFile.stamps(watched);
    this.state = new State(stamp, files.load());
  }

  @Override
  public TlsKeyPair keyPair(String hostname) {
    return current().keyPair();
  }

  @Override
  public List<X509Certificate> trustedCertificates(String hostname) {
    List<X509Certificate> trusted = current().trustedClientCas();
    return trusted.isEmpty() ? null : trusted;
  }

  private ServerTlsFiles.Loaded current() {
    State seen = state;
    String stamp = PemFile.stamps(watched);
    if (stamp.equals(seen.stamp())) {
      return seen.loaded();
    }
    synchronized (this) {
      if (stamp.equals(state.stamp())) {
        return state.loaded();
      }
      try {
        state = new State(stamp, files.load());
        log.info("TLS: reloaded {} (and its key) after it changed", files.cert());
      } catch (TlsFileException e) {
        // Keep serving with the old material; the stamp is not advanced, so the next handshake retries.
        log.warn("TLS: keeping the previous certificate: {}", e.getMessage());
      }
      return state.loaded();
    }
  }
}
