package io.trantor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real TLS handshakes against an Armeria server on 127.0.0.1 bound through {@link ListenerTls}. */
class ListenerTlsIT {
  @TempDir Path dir;
  private Server server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop().join();
    }
  }

  private int start(ListenerTls tls) {
    ServerBuilder sb = Server.builder().gracefulShutdownTimeout(java.time.Duration.ZERO, java.time.Duration.ZERO);
    tls.bind(sb, new InetSocketAddress("127.0.0.1", 0));
    sb.service("/hello", (ctx, req) -> HttpResponse.of("hello"));
    server = sb.build();
    server.start().join();
    return server.activeLocalPort();
  }

  /** Serves copies of {@code tls}'s server files at {@code cert} and {@code key}, which the test then changes. */
  private int startOnCopiesOf(TestTls tls, Path cert, Path key) throws Exception {
    Files.copy(tls.serverCert(), cert);
    Files.copy(tls.serverKey(), key);
    return start(new ServerTlsFiles(cert, key, java.util.Optional.empty()));
  }

  private static AggregatedHttpResponse get(ClientTlsFiles client, int port) {
    try (ClientFactory factory = client.clientFactory()) {
      return WebClient.builder(client.scheme() + "://127.0.0.1:" + port).factory(factory).build()
          .get("/hello").aggregate().join();
    }
  }

  @Test
  void aClientTrustingTheCaGetsThrough() {
    TestTls tls = TestTls.create(dir, "a");
    int port = start(tls.server());

    assertThat(get(tls.trustOnly(), port).contentUtf8()).isEqualTo("hello");
  }

  @Test
  void aClientTrustingAnotherCaIsRefused() {
    TestTls tls = TestTls.create(dir, "a");
    TestTls other = TestTls.create(dir, "other");
    int port = start(tls.server());

    assertThatThrownBy(() -> get(other.trustOnly(), port)).isInstanceOf(CompletionException.class);
  }

  @Test
  void plaintextIsNotServedOnATlsPort() {
    TestTls tls = TestTls.create(dir, "a");
    int port = start(tls.server());

    assertThatThrownBy(() -> get(ClientTlsFiles.NONE, port)).isInstanceOf(CompletionException.class);
  }

  @Test
  void mtlsRefusesClientsWithoutACertificateOrWithOneFromAnotherCa() {
    TestTls tls = TestTls.create(dir, "a");
    TestTls other = TestTls.create(dir, "other");
    int port = start(tls.serverRequiringClients());
    ClientTlsFiles foreignCert = ClientTlsFiles.of(tls.caCert(), other.clientCert(), other.clientKey());

    assertThat(get(tls.withClientCert(), port).contentUtf8()).isEqualTo("hello");
    assertThatThrownBy(() -> get(tls.trustOnly(), port)).isInstanceOf(CompletionException.class);
    assertThatThrownBy(() -> get(foreignCert, port)).isInstanceOf(CompletionException.class);
  }

  @Test
  void aRotatedCertificateIsServedWithoutARestart() throws Exception {
    TestTls first = TestTls.create(dir, "first");
    TestTls second = TestTls.create(dir, "second");
    Path cert = dir.resolve("live.crt");
    Path key = dir.resolve("live.key");
    int port = startOnCopiesOf(first, cert, key);
    assertThat(get(first.trustOnly(), port).contentUtf8()).isEqualTo("hello");

    // Key first, then certificate, each by an atomic rename, as a cert manager would write them.
    Files.copy(second.serverKey(), dir.resolve("live.key.tmp"));
    Files.move(dir.resolve("live.key.tmp"), key, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(second.serverCert(), dir.resolve("live.crt.tmp"));
    Files.move(dir.resolve("live.crt.tmp"), cert, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    // The next handshake reads the new files: the new CA is trusted, the old one no longer.
    assertThat(get(second.trustOnly(), port).contentUtf8()).isEqualTo("hello");
    assertThatThrownBy(() -> get(first.trustOnly(), port)).isInstanceOf(CompletionException.class);
  }

  @Test
  void aHalfRotatedPairKeepsTheOldCertificate() throws Exception {
    TestTls first = TestTls.create(dir, "first");
    TestTls second = TestTls.create(dir, "second");
    Path cert = dir.resolve("live.crt");
    Path key = dir.resolve("live.key");
    int port = startOnCopiesOf(first, cert, key);

    // Only the key changed so far: it does not match the certificate, so the old pair stays.
    Files.copy(second.serverKey(), key, StandardCopyOption.REPLACE_EXISTING);

    assertThat(get(first.trustOnly(), port).contentUtf8()).isEqualTo("hello");
  }
}
