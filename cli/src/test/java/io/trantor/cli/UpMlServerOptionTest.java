package io.trantor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.cli.testing.CliRunner;
import org.junit.jupiter.api.Test;

class UpMlServerOptionTest {

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
}
