package io.trantor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerTlsFilesTest {
  @TempDir Path dir;

  private final LocalCa ca = LocalCa.create("test CA");

  @Test
  void goodFilesLoadWithTheClientCa() {
    ca.issueServer("localhost", List.of("localhost", "127.0.0.1")).write(dir.resolve("s.crt"), dir.resolve("s.key"));
    ca.writeCertificate(dir.resolve("ca.crt"));

    ServerTlsFiles.Loaded loaded =
        new ServerTlsFiles(dir.resolve("s.crt"), dir.resolve("s.key"), Optional.of(dir.resolve("ca.crt"))).load();

    assertThat(loaded.keyPair().certificateChain()).hasSize(1);
    assertThat(loaded.trustedClientCas()).containsExactly(ca.certificate());
  }

  @Test
  void aMissingCertificateIsNamed() {
    Path cert = dir.resolve("nope.crt");
    assertThatThrownBy(() -> new ServerTlsFiles(cert, dir.resolve("k"), Optional.empty()).load())
        .isInstanceOf(TlsFileException.class)
        .hasMessage(cert + ": no such file");
  }

  @Test
  void garbageInTheCertificateFileIsNamed() throws Exception {
    Path cert = Files.writeString(dir.resolve("s.crt"), "not a certificate");
    assertThatThrownBy(() -> new ServerTlsFiles(cert, dir.resolve("k"), Optional.empty()).load())
        .isInstanceOf(TlsFileException.class)
        .hasMessageStartingWith(cert + ": ");
  }

  @Test
  void aKeyOfAnotherCertificateIsRefusedNamingTheKey() {
    ca.issueServer("a", List.of("localhost")).write(dir.resolve("a.crt"), dir.resolve("a.key"));
    ca.issueServer("b", List.of("localhost")).write(dir.resolve("b.crt"), dir.resolve("b.key"));

    assertThatThrownBy(() -> new ServerTlsFiles(dir.resolve("a.crt"), dir.resolve("b.key"), Optional.empty()).load())
        .isInstanceOf(TlsFileException.class)
        .hasMessage(dir.resolve("b.key") + ": the private key does not match the certificate in " + dir.resolve("a.crt"));
  }

  @Test
  void anExpiredCertificateIsRefusedAtStart() {
    Instant past = Instant.now().minusSeconds(7200);
    ca.issueServer("old", List.of("localhost"), past, past.plusSeconds(60)).write(dir.resolve("o.crt"), dir.resolve("o.key"));

    assertThatThrownBy(() -> new ServerTlsFiles(dir.resolve("o.crt"), dir.resolve("o.key"), Optional.empty()).load())
        .isInstanceOf(TlsFileException.class)
        .hasMessageContaining(dir.resolve("o.crt") + ": certificate CN=old expired on ");
  }

  @Test
  void garbageInTheKeyFileIsNamedWithoutQuotingIt() throws Exception {
    ca.issueServer("a", List.of("localhost")).write(dir.resolve("a.crt"), dir.resolve("a.key"));
    Path key = Files.writeString(dir.resolve("bad.key"), "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LXNlY3JldA==\n-----END PRIVATE KEY-----\n");

    assertThatThrownBy(() -> new ServerTlsFiles(dir.resolve("a.crt"), key, Optional.empty()).load())
        .isInstanceOf(TlsFileException.class)
        .hasMessageStartingWith(key + ": not a PEM private key")
        .hasMessageNotContaining("c2VjcmV0");
  }

  @Test
  void localCaFilesAreMadeOnceAndReused() throws Exception {
    LocalCa.Generated first = LocalCa.ensure(dir.resolve("tls"), List.of("localhost", "127.0.0.1"));
    String before = Files.readString(first.serverCert());
    LocalCa.Generated second = LocalCa.ensure(dir.resolve("tls"), List.of("localhost", "127.0.0.1"));

    assertThat(first.created()).isTrue();
    assertThat(second.created()).isFalse();
    assertThat(Files.readString(second.serverCert())).isEqualTo(before);
    assertThat(new ServerTlsFiles(first.serverCert(), first.serverKey(), Optional.empty()).load()).isNotNull();
    assertThat(Files.getPosixFilePermissions(first.serverKey()).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
  }

  @Test
  void aClientCertificateWithoutItsKeyIsRefused() {
    assertThatThrownBy(() -> ClientTlsFiles.of(null, dir.resolve("c.crt"), null))
        .isInstanceOf(TlsFileException.class)
        .hasMessageContaining("--tls-client-cert and --tls-client-key together");
  }
}
