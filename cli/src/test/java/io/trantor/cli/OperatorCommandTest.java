package io.trantor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.cli.testing.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trantor operator}'s flags and its answers to bad input, before it reaches any cluster. */
class OperatorCommandTest {

  @Test
  void helpNamesTheFlagsOfTheIssue() {
    CliRunner.Result result = CliRunner.run("operator", "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("Usage: trantor operator")
        .contains("--kubeconfig=FILE")
        .contains("--namespace=NS")
        .contains("--all-namespaces")
        .contains("--control=HOST:PORT");
  }

  @Test
  void theRootHelpListsTheOperator() {
    assertThat(CliRunner.run("--help").out()).contains("operator");
  }

  @Test
  void aMissingKubeconfigIsOneLineNamingTheFlag(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");

    CliRunner.Result result = CliRunner.run("operator", "--kubeconfig", missing.toString(), "--control", "127.0.0.1:1");

    assertThat(result.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(result.err().strip()).startsWith("trantor: --kubeconfig: cannot read " + missing).doesNotContain("\n");
  }

  @Test
  void aFileThatIsNoKubeconfigIsOneLineNamingTheFlag(@TempDir Path dir) throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "clusters: [unclosed\n");

    CliRunner.Result result = CliRunner.run("operator", "--kubeconfig", bad.toString(), "--control", "127.0.0.1:1");

    assertThat(result.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(result.err().strip()).startsWith("trantor: --kubeconfig: " + bad + " is not a kube config").doesNotContain("\n");
  }

  @Test
  void oneNamespaceAndAllNamespacesExcludeEachOther() {
    CliRunner.Result result = CliRunner.run("operator", "--namespace", "ns", "--all-namespaces");

    assertThat(result.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(result.err()).contains("mutually exclusive");
  }
}
