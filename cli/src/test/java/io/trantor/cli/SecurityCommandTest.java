package io.trantor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.cli.testing.CliRunner;
import io.trantor.control.ControlConfig;
import io.trantor.control.ControlPlane;
import io.trantor.control.ControlSecurity;
import io.trantor.control.EmbeddedTemporal;
import io.trantor.security.ControlToken;
import io.trantor.security.LocalCa;
import io.trantor.security.ServerTlsFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against a real control plane with TLS and a control token; and the roles' bad-input checks. */
class SecurityCommandTest {
  private static final String TOKEN = "tok-7f3a9c1e-secret";
  private static final Path MODEL = Path.of("../samples/manifests/iris.yaml");

  @TempDir Path dir;
  EmbeddedTemporal temporal;
  ControlPlane control;
  Path caCert;
  Path tokenFile;
  private final PrintStream originalErr = System.err;
  private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws Exception {
    // Everything the processes log (slf4j-simple writes to System.err) during the test, for the secrets check.
    System.setErr(new PrintStream(new TeeStream(logs, originalErr), true, StandardCharsets.UTF_8));
    LocalCa.Generated tls = LocalCa.ensure(dir.resolve("tls"), List.of("127.0.0.1", "localhost"));
    caCert = tls.caCert();
    tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
    temporal = EmbeddedTemporal.start("127.0.0.1", 0);
    control = ControlPlane.start(new ControlConfig("127.0.0.1", 0, temporal.target(), "default", null), server -> {},
        new ControlSecurity(new ServerTlsFiles(tls.serverCert(), tls.serverKey(), Optional.empty()),
            Optional.of(ControlToken.read(tokenFile))));
  }

  @AfterEach
  void stop() {
    control.close();
    temporal.close();
    System.setErr(originalErr);
  }

  private CliRunner.Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--control", "127.0.0.1:" + control.port()));
    return CliRunner.run(all.toArray(String[]::new));
  }

  @Test
  void anUnauthenticatedApplyIsRefusedAndTheAuthenticatedOneWorks() throws Exception {
    Path model = MODEL;

    CliRunner.Result refused = run("apply", "-f", model.toString(), "--tls-ca", caCert.toString());
    assertThat(refused.exitCode()).isEqualTo(ExitCode.UNAUTHENTICATED.code());
    assertThat(refused.err().strip()).doesNotContain("\n").contains("--token-file").contains("TRANTOR_CONTROL_TOKEN");

    CliRunner.Result applied =
        run("apply", "-f", model.toString(), "--tls-ca", caCert.toString(), "--token-file", tokenFile.toString());
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(run("model", "list", "--tls-ca", caCert.toString(), "--token-file", tokenFile.toString()).out())
        .contains("iris");
  }

  @Test
  void aWrongTokenIsRefusedWithoutEchoingIt() throws Exception {
    Path wrong = Files.writeString(dir.resolve("wrong"), "not-the-token");

    CliRunner.Result refused = run("model", "list", "--tls-ca", caCert.toString(), "--token-file", wrong.toString());

    assertThat(refused.exitCode()).isEqualTo(ExitCode.UNAUTHENTICATED.code());
    assertThat(refused.err()).contains("the control token is wrong").doesNotContain("not-the-token");
  }

  @Test
  void plaintextToATlsControlPlaneFailsAsUnreachable() {
    CliRunner.Result result = run("model", "list", "--token-file", tokenFile.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCode.UNAVAILABLE.code());
    assertThat(result.err()).contains("--tls-ca");
  }

  @Test
  void theTokenAndTheKeysNeverReachTheLogs() throws Exception {
    Path model = MODEL;
    run("apply", "-f", model.toString(), "--tls-ca", caCert.toString(), "--token-file", tokenFile.toString());
    run("model", "list", "--tls-ca", caCert.toString(), "--token-file", dir.resolve("wrong-file-missing").toString());
    run("model", "list", "--tls-ca", caCert.toString());
    String keyBody = Files.readString(dir.resolve("tls/server.key")).lines().skip(1).findFirst().orElseThrow();

    String logged = logs.toString(StandardCharsets.UTF_8);
    assertThat(logged).contains("Control plane listening on https://");
    assertThat(logged).doesNotContain(TOKEN).doesNotContain(keyBody);
  }

  @Test
  void aMissingCertificateStopsARoleWithOneLineNamingIt() {
    Path missing = dir.resolve("missing.crt");

    CliRunner.Result result = CliRunner.run("gateway", "--port", "0", "--tls-cert", missing.toString(), "--tls-key",
        dir.resolve("missing.key").toString());

    assertThat(result.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(result.err().strip()).isEqualTo("trantor: " + missing + ": no such file");
  }

  @Test
  void theControlPlaneRefusesToListenBeyondLoopbackWithoutAuthentication() {
    CliRunner.Result result = CliRunner.run("control", "--host", "0.0.0.0", "--port", "0");

    assertThat(result.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(result.err().strip()).doesNotContain("\n").contains("--control-token-file");
  }

  /** Writes to two streams: the test's capture and the console. */
  private static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public synchronized void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public synchronized void write(byte[] bytes, int off, int len) throws java.io.IOException {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }
  }
}
