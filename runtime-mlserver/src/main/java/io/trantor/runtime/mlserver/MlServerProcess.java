package io.trantor.runtime.mlserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MLServer as a child process: {@code mlserver start <workDir>/models} with model loading at
 * start-up off, on free ports of {@code host}, its output appended to {@code <workDir>/mlserver.log}.
 * A small launcher stops it when this JVM goes away, however it goes (it watches its stdin pipe).
 * After a crash, {@link #restartIfExited()} starts a new one on new ports.
 */
final class MlServerProcess implements MlServerBackend {
  private static final Logger LOG = LoggerFactory.getLogger(MlServerProcess.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);
  private static final int LOG_TAIL_LINES = 15;

  private final MlServerOptions options;
  private final List<String> command;
  private final Path log;
  private Process process;
  private volatile String httpBase;

  private MlServerProcess(MlServerOptions options, List<String> command) {
    this.options = options;
    this.command = command;
    this.log = options.workDir().resolve("mlserver.log");
  }

  /** Starts MLServer (it becomes ready in the background; callers wait with the client). */
  static MlServerProcess start(MlServerOptions options) {
    try {
      Files.createDirectories(options.repository());
      Path launcher = options.workDir().resolve("mlserver_launcher.py");
      try (InputStream source = MlServerProcess.class.getResourceAsStream("launcher.py")) {
        if (source == null) {
          throw new IllegalStateException("launcher.py is missing from the trantor-runtime-mlserver jar");
        }
        Files.write(launcher, source.readAllBytes());
      }
      List<String> command = new ArrayList<>(MlServerExecutable.interpreter(options.executable()));
      command.add(launcher.toString());
      command.add(options.repository().toString());
      MlServerProcess started = new MlServerProcess(options, List.copyOf(command));
      started.launch();
      return started;
    } catch (IOException e) {
      throw new MlServerUnavailableException("cannot start MLServer " + options.executable() + ": " + e.getMessage(), e);
    }
  }

  private synchronized void launch() throws IOException {
    int http = freePort();
    int grpc = freePort();
    int metrics = freePort();
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(options.workDir().toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> env = builder.environment();
    env.put("MLSERVER_HOST", options.host());
    env.put("MLSERVER_HTTP_PORT", Integer.toString(http));
    env.put("MLSERVER_GRPC_PORT", Integer.toString(grpc));
    env.put("MLSERVER_METRICS_PORT", Integer.toString(metrics));
    env.put("MLSERVER_LOAD_MODELS_AT_STARTUP", "false");
    env.put("MLSERVER_PARALLEL_WORKERS", Integer.toString(options.parallelWorkers()));
    env.put("MLSERVER_DEBUG", "false");
    // Our own models folder is the only repository: a folder in the working directory must not leak in.
    env.put("MLSERVER_MODEL_REPOSITORY_ROOT", options.repository().toString());
    process = builder.start();
    httpBase = "http://" + hostForUrl(options.host()) + ":" + http;
    LOG.info("Started MLServer (pid {}) on {}, gRPC {}, repository {}, log {}",
        process.pid(), httpBase, grpc, options.repository(), log);
  }

  @Override
  public String httpBase() {
    return httpBase;
  }

  @Override
  public Path repository() {
    return options.repository();
  }

  @Override
  public Duration startTimeout() {
    return options.startTimeout();
  }

  /** Process id of the running MLServer (for tests that kill it). */
  synchronized long pid() {
    return process.pid();
  }

  @Override
  public synchronized Optional<String> exited() {
    if (process.isAlive()) {
      return Optional.empty();
    }
    return Optional.of("MLServer (pid " + process.pid() + ") exited with code " + process.exitValue()
        + "; last lines of " + log + ":\n" + tail());
  }

  @Override
  public synchronized boolean restartIfExited() {
    Optional<String> reason = exited();
    if (reason.isEmpty()) {
      return false;
    }
    LOG.warn("{}\nrestarting it", reason.get());
    try {
      launch();
    } catch (IOException e) {
      throw new MlServerUnavailableException("cannot restart MLServer: " + e.getMessage(), e);
    }
    return true;
  }

  /** Stops MLServer (SIGTERM, then SIGKILL after a grace period) and its worker processes. */
  @Override
  public synchronized void close() {
    if (process == null) {
      return;
    }
    List<ProcessHandle> workers = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
        LOG.warn("MLServer (pid {}) did not stop within {} s; killing it", process.pid(), STOP_GRACE.toSeconds());
        process.destroyForcibly();
        process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    workers.forEach(ProcessHandle::destroyForcibly);
    LOG.info("Stopped MLServer (pid {})", process.pid());
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read it: " + e.getMessage() + ")";
    }
  }

  private int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(options.host()))) {
      return socket.getLocalPort();
    }
  }

  private static String hostForUrl(String host) {
    if (host.equals("0.0.0.0")) {
      return "127.0.0.1";
    }
    return host.contains(":") ? "[" + host + "]" : host;
  }
}
