package io.trantor.cli;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Temporal dev server ({@code temporal server start-dev}) as a child process: durable
 * (SQLite file), with the Web UI and visibility APIs the embedded test server lacks.
 *
 * <p>Supervised: when the server dies (a crash, a kill -9), it is started again on the same ports
 * and the same database, as a process manager would, and the workflows go on where their history
 * stopped; the SDK's clients and workers reconnect on their own meanwhile.
 */
final class TemporalDevProcess implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TemporalDevProcess.class);
  private static final Duration STARTUP = Duration.ofSeconds(60);
  /** Between restarts of a server that keeps dying, so a broken one does not spin. */
  private static final Duration RESTART_BACKOFF = Duration.ofSeconds(1);

  private final ProcessBuilder builder;
  private final String target;
  private final Path logFile;
  private volatile Process process;
  private volatile boolean closing;
  private int restarts;

  private TemporalDevProcess(ProcessBuilder builder, Process process, String target, Path logFile) {
    this.builder = builder;
    this.process = process;
    this.target = target;
    this.logFile = logFile;
  }

  static TemporalDevProcess start(String cli, String host, int port, int uiPort, Path dataDir, Path log)
      throws IOException, InterruptedException {
    String binary = cli != null ? cli : findOnPath("temporal");
    if (binary == null) {
      throw new UserInputException(
          "--temporal dev: no `temporal` binary on PATH; install the Temporal CLI (e.g. `go install"
              + " github.com/temporalio/cli/cmd/temporal@latest`) or pass --temporal-cli PATH");
    }
    List<String> command = new ArrayList<>(List.of(
        binary, "server", "start-dev", "--ip", host, "--port", Integer.toString(port),
        "--ui-port", Integer.toString(uiPort), "--log-level", "warn"));
    if (dataDir != null) {
      Files.createDirectories(dataDir);
      command.addAll(List.of("--db-filename", dataDir.resolve("temporal.db").toString()));
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process process = builder.start();
    TemporalDevProcess dev = new TemporalDevProcess(builder, process, host + ":" + port, log);
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (!accepts(host, port)) {
      if (!process.isAlive()) {
        throw new CommandFailure(
            ExitCode.FAILURE, "temporal server start-dev exited with " + process.exitValue() + "; see " + log);
      }
      if (System.nanoTime() > deadline) {
        dev.close();
        throw new CommandFailure(ExitCode.TIMEOUT, "temporal server start-dev not listening after " + STARTUP.toSeconds() + "s; see " + log);
      }
      Thread.sleep(100); // polling a port with a deadline
    }
    dev.superviseFrom(process);
    return dev;
  }

  private void superviseFrom(Process watched) {
    watched.onExit().thenRun(() -> {
      if (closing) {
        return;
      }
      log.warn("temporal server start-dev exited with {}; starting it again on {} (restart {}; log {})",
          watched.exitValue(), target, ++restarts, logFile);
      restart();
    });
  }

  private void restart() {
    while (!closing) {
      try {
        // The dead server's port may take a moment to be free; its database is what matters.
        Thread.sleep(RESTART_BACKOFF.toMillis());
        Process next = builder.start();
        process = next;
        if (closing) {
          next.destroy();
          return;
        }
        superviseFrom(next);
        return;
      } catch (IOException e) {
        log.warn("Starting temporal server start-dev again failed: {}; trying again", e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  String target() {
    return target;
  }

  private static boolean accepts(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String findOnPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }

  @Override
  public void close() {
    closing = true;
    Process process = this.process;
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
