package io.trantor.cli;

/** A mistake on the command line; printed as one line and exit code {@link ExitCode#INVALID_INPUT}. */
public final class UserInputException extends RuntimeException {
  public UserInputException(String message) {
    super(message, null, false, false);
  }
}
