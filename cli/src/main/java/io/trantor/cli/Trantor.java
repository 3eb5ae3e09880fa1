package io.trantor.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point of the {@code trantor} launcher. */
public final class Trantor {
  private Trantor() {}

  public static void main(String[] args) {
    ShutdownSignal shutdown = new ShutdownSignal();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  shutdown.request();
                  try {
                    shutdown.awaitStopped();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "trantor-shutdown"));
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int exit = TrantorCli.commandLine(out, err, shutdown).execute(args);
    // Commands that never started anything long-running still release the hook.
    shutdown.stopped();
    System.exit(exit);
  }
}
