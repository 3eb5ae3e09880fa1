package io.trantor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.cli.testing.CliRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrantorCommandTest {

  @Test
  void helpListsTheServeCommand() {
    CliRunner.Result result = CliRunner.run("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("Usage: trantor").contains("serve");
  }

  @Test
  void unknownOptionIsOneLineAndExitCodeTwo(@TempDir Path dir) {
    CliRunner.Result result =
        CliRunner.run("serve", "--model-repository", dir.toString(), "--no-such-flag");

    assertThat(result.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(result.err()).contains("--no-such-flag");
  }

  @Test
  void serveRejectsAMissingRepositoryWithTheOptionName(@TempDir Path dir) {
    Path missing = dir.resolve("nope");

    CliRunner.Result result = CliRunner.run("serve", "--model-repository", missing.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(result.err().strip())
        .isEqualTo("trantor: --model-repository: " + missing + " is not a directory");
  }

  @Test
  void serveRejectsAPortOutOfRange(@TempDir Path dir) {
    CliRunner.Result result =
        CliRunner.run("serve", "--model-repository", dir.toString(), "--port", "70000");

    assertThat(result.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(result.err()).contains("--port: must be between 0 and 65535, got 70000");
  }

  @Test
  void upRejectsABadMemoryQuantityBeforeStartingAnything() {
    CliRunner.Result result = CliRunner.run("up", "--server-memory", "lots");

    assertThat(result.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(result.err()).startsWith("trantor: --server-memory: ").contains("lots");
  }

  @Test
  void agentRejectsAStorageRewriteWithoutEqualsSign(@TempDir Path dir) {
    CliRunner.Result result =
        CliRunner.run("agent", "--server", "mlserver", "--cache-dir", dir.toString(), "--storage-rewrite", "gs://x");

    assertThat(result.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(result.err()).contains("--storage-rewrite: ").contains("PREFIX=REPLACEMENT");
  }
}
