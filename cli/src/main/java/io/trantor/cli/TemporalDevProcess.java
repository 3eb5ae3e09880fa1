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

/**
 * The real Temporal dev server ({@code temporal server start-dev}) as a child process: durable
 * (SQLite file), with the Web UI and visibility APIs the embedded test server lacks.
 */
final class TemporalDevProcess implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(60);

  private final Process process;
  private final String target;

  private TemporalDevProcess(Process process, String target) {
    this.process = process;
    this.target = target;
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
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    TemporalDevProcess dev = new TemporalDevProcess(process, host + ":" + port);
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
    return dev;
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
