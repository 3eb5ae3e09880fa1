package io.trantor.cli;

/**
 * A command that failed for a reason it can state in one line, with the exit code that goes with
 * it. Printed by {@link TrantorCli} as {@code trantor: <message>}.
 */
public final class CommandFailure extends RuntimeException {
  private final ExitCode exitCode;

  public CommandFailure(ExitCode exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}
