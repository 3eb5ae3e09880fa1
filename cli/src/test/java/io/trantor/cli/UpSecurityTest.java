package io.trantor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trantor.security.ListenerTls;
import io.trantor.security.LocalCa;
import io.trantor.security.ServerTlsFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpSecurityTest {
  @TempDir Path dir;

  private UpSecurity of(String mode, ServerTlsMixin tls, Path token, String host) {
    // Flags only: the test's environment must not leak in.
    return UpSecurity.of(mode, tls, new ClientTlsMixin().files(Map.of()), new JwtMixin(), token, false, host, dir);
  }

  @Test
  void tlsAutoMakesACaAndServerCertificateInTheDataDirOnceAndTrustsItsCa() throws Exception {
    UpSecurity first = of("auto", new ServerTlsMixin(), null, "127.0.0.1");
    String made = Files.readString(dir.resolve("tls/server.crt"));
    UpSecurity second = of("auto", new ServerTlsMixin(), null, "127.0.0.1");

    assertThat(first.generated().orElseThrow().created()).isTrue();
    assertThat(second.generated().orElseThrow().created()).isFalse();
    assertThat(Files.readString(dir.resolve("tls/server.crt"))).isEqualTo(made);
    assertThat(first.listener()).isInstanceOf(ServerTlsFiles.class);
    assertThat(first.internal().ca()).contains(dir.resolve("tls/ca.crt"));
    assertThat(first.gateway().listener()).isEqualTo(first.listener());
    assertThat(first.control().listener()).isEqualTo(first.listener());
  }

  @Test
  void offIsPlaintextEverywhere() {
    UpSecurity off = of("off", new ServerTlsMixin(), null, "127.0.0.1");

    assertThat(off.listener()).isEqualTo(ListenerTls.PLAINTEXT);
    assertThat(off.internal().tls()).isFalse();
  }

  @Test
  void badCombinationsAreRefusedWithTheFlag() {
    ServerTlsMixin given = new ServerTlsMixin();
    given.cert = dir.resolve("x.crt");

    assertThatThrownBy(() -> of("maybe", new ServerTlsMixin(), null, "127.0.0.1")).hasMessageStartingWith("--tls: ");
    assertThatThrownBy(() -> of("auto", given, null, "127.0.0.1")).hasMessageStartingWith("--tls auto: ");
    assertThatThrownBy(() -> of("off", new ServerTlsMixin(), null, "0.0.0.0")).hasMessageContaining("--control-token-file");
  }

  @Test
  void mtlsInUpNeedsAClientCertificateForItsOwnHops() {
    LocalCa ca = LocalCa.create("clients");
    ca.writeCertificate(dir.resolve("clients.crt"));
    ServerTlsMixin mtls = new ServerTlsMixin();
    mtls.clientCa = dir.resolve("clients.crt");

    assertThatThrownBy(() -> of("auto", mtls, null, "127.0.0.1")).hasMessageContaining("--tls-client-cert");
  }

  @Test
  void aTokenLetsUpListenBeyondLoopback() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "t0ken-value");

    UpSecurity open = of("off", new ServerTlsMixin(), token, "0.0.0.0");

    assertThat(open.control().token()).isPresent();
    assertThat(open.control().token().get().toString()).doesNotContain("t0ken-value");
    assertThat(List.of(open.listener())).containsExactly(ListenerTls.PLAINTEXT);
  }
}
