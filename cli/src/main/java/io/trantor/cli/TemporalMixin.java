package io.trantor.cli;

import picocli.CommandLine.Option;

/** How a process reaches Temporal. */
public final class TemporalMixin {
  @Option(
      names = "--temporal",
      paramLabel = "embedded|dev|HOST:PORT",
      defaultValue = "embedded",
      description = {
        "Temporal service: 'embedded' (Temporal's Java test server in this process: real time, nothing kept"
            + " across restarts, no Web UI), 'dev' (the real Temporal dev server, `temporal server start-dev`, as a"
            + " child process: SQLite under --data-dir, Web UI on --temporal-ui-port), or HOST:PORT of any"
            + " Temporal frontend. Default: ${DEFAULT-VALUE}."
      })
  String temporal;

  @Option(names = "--temporal-namespace", paramLabel = "NS", defaultValue = "default", description = "Temporal namespace. Default: ${DEFAULT-VALUE}.")
  String namespace;

  @Option(names = "--temporal-port", paramLabel = "PORT", defaultValue = "7233", description = "Port of the embedded Temporal service. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--temporal-cli", paramLabel = "PATH", description = "The `temporal` binary for --temporal dev. Default: `temporal` on PATH.")
  String cli;

  @Option(names = "--temporal-ui-port", paramLabel = "PORT", defaultValue = "8233", description = "Web UI port of --temporal dev. Default: ${DEFAULT-VALUE}.")
  int uiPort;

  boolean dev() {
    return temporal.equals("dev");
  }

  boolean embedded() {
    return temporal.equals("embedded");
  }

  void validate() {
    if (!embedded() && !dev() && !temporal.matches("[^:\\s]+:\\d{1,5}")) {
      throw new UserInputException(
          "--temporal: '" + temporal + "' must be 'embedded', 'dev' or HOST:PORT");
    }
  }
}
