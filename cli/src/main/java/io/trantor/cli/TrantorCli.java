package io.trantor.cli;

import io.trantor.security.TlsFileException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Builds the {@code trantor} command line: output writers, the exception-to-exit-code mapping and
 * one-line error messages live here once, for {@code main} and for tests alike.
 */
public final class TrantorCli {
  private TrantorCli() {}

  public static CommandLine commandLine(PrintWriter out, PrintWriter err, ShutdownSignal shutdown) {
    CommandLine cli = new CommandLine(new TrantorCommand(), new CommandFactory(shutdown));
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler(
        (ex, args) -> {
          err.println("trantor: " + ex.getMessage());
          err.println("Try 'trantor --help' for usage.");
          err.flush();
          return ExitCode.INVALID_INPUT.code();
        });
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof CommandFailure failure) {
            err.println("trantor: " + failure.getMessage());
            err.flush();
            return failure.exitCode().code();
          }
          if (ex instanceof UserInputException || ex instanceof TlsFileException) {
            err.println("trantor: " + ex.getMessage());
            err.flush();
            return ExitCode.INVALID_INPUT.code();
          }
          err.println("trantor: " + ex.getMessage() + " (" + ex.getClass().getSimpleName() + ")");
          err.flush();
          return ExitCode.FAILURE.code();
        });
    return cli;
  }

  /** Hands the shutdown signal to the commands that need it. */
  private record CommandFactory(ShutdownSignal shutdown) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type == ServeCommand.class) {
        return type.cast(new ServeCommand(shutdown));
      }
      if (type == UpCommand.class) {
        return type.cast(new UpCommand(shutdown));
      }
      if (type == ControlCommand.class) {
        return type.cast(new ControlCommand(shutdown));
      }
      if (type == AgentCommand.class) {
        return type.cast(new AgentCommand(shutdown));
      }
      if (type == GatewayCommand.class) {
        return type.cast(new GatewayCommand(shutdown));
      }
      if (type == OperatorCommand.class) {
        return type.cast(new OperatorCommand(shutdown));
      }
      if (type == TemporalCommand.class) {
        return type.cast(new TemporalCommand(shutdown));
      }
      return CommandLine.defaultFactory().create(type);
    }
  }
}
