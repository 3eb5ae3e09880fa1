package io.trantor.cli.testing;

import io.trantor.cli.ShutdownSignal;
import io.trantor.cli.TrantorCli;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the real {@code trantor} parser and commands in-process and captures what they print. */
public final class CliRunner {
  private CliRunner() {}

  /** What a command run left behind. */
  public record Result(int exitCode, String out, String err) {}

  public static Result run(String... args) {
    return run(new ShutdownSignal(), args);
  }

  public static Result run(ShutdownSignal shutdown, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        TrantorCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), shutdown)
            .execute(args);
    return new Result(exit, out.toString(), err.toString());
  }
}
