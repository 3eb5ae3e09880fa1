package io.trantor.cli;

/** Exit codes of the {@code trantor} command, defined once. */
public enum ExitCode {
  OK(0),
  /** Something failed that is not the user's input (a crash, an I/O error). */
  FAILURE(1),
  /** The command line or a file it names is wrong; the message says what to fix. */
  INVALID_INPUT(2),
  /** The named resource does not exist. */
  NOT_FOUND(3),
  /** The control plane (or another endpoint) cannot be reached. */
  UNAVAILABLE(4),
  /** A wait ({@code -w}, {@code --wait}) ran out of time before the condition held. */
  TIMEOUT(5),
  /** The control plane (or gateway) refused the call: no token, a wrong one, or no client certificate. */
  UNAUTHENTICATED(6);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
