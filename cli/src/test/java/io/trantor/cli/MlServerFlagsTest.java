package io.trantor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.cli.testing.CliRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MLServer flags of `trantor up` and `trantor agent`: wrong use is one line and exit code 2. */
class MlServerFlagsTest {

  @Test
  void upRejectsAnUnknownMlServerModeBeforeStartingAnything() {
    CliRunner.Result result = CliRunner.run("up", "--mlserver=maybe");

    assertThat(result.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(result.err()).startsWith("trantor: --mlserver: must be on, auto or off, got 'maybe'");
  }

  @Test
  void upHelpNamesTheMlServerModes() {
    CliRunner.Result result = CliRunner.run("up", "--help");

    assertThat(result.out()).contains("--mlserver[=on|auto|off]");
  }

  @Test
  void agentWithASidecarMlServerNeedsItsRepository(@TempDir Path dir) {
    CliRunner.Result result = CliRunner.run(
        "agent", "--server", "mlserver", "--cache-dir", dir.toString(), "--mlserver", "http://127.0.0.1:8080");

    assertThat(result.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(result.err()).contains("--mlserver http://127.0.0.1:8080: name the model repository it reads with --mlserver-repository DIR");
  }

  @Test
  void agentRejectsAnInferenceHostThatIsNotHostAndPort(@TempDir Path dir) {
    CliRunner.Result result = CliRunner.run(
        "agent", "--server", "mlserver", "--cache-dir", dir.toString(), "--inference-host", "http://gateway:9000");

    assertThat(result.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(result.err()).contains("--inference-host: must be HOST:PORT, got 'http://gateway:9000'");
  }

  @Test
  void agentRejectsAnMlServerThatIsNeitherLocalNorAnAddress(@TempDir Path dir) {
    CliRunner.Result result = CliRunner.run(
        "agent", "--server", "mlserver", "--cache-dir", dir.toString(), "--mlserver", "127.0.0.1:8080");

    assertThat(result.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(result.err()).contains("--mlserver: must be 'local' or an http://HOST:PORT address, got '127.0.0.1:8080'");
  }
}
