package io.trantor.cli;

import picocli.CommandLine.Option;

/** {@code -o json|yaml|table}. */
public final class OutputMixin {
  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "Output format: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  OutputFormat format;
}
