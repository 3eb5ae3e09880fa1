package io.trantor.runtime.python.internal;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Python worker process and its pipes. Frames go over stdin/stdout; stderr (model prints,
 * tracebacks) is logged line by line under the model's name, and its last lines are kept so a
 * crash can be explained. Not thread-safe: its owner sends one frame at a time.
 */
final class WorkerProcess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerProcess.class);
  private static final int STDERR_LINES_KEPT = 15;
  private static final Duration FINALIZE_GRACE = Duration.ofSeconds(10);

  private final String modelName;
  private final Process process;
  private final OutputStream toWorker;
  private final DataInputStream fromWorker;
  private final Thread stderrPump;
  private final Deque<String> stderrTail = new ArrayDeque<>();

  private WorkerProcess(String modelName, Process process) {
    this.modelName = modelName;
    this.process = process;
    this.toWorker = process.getOutputStream();
    this.fromWorker = new DataInputStream(process.getInputStream());
    this.stderrPump = Thread.ofPlatform().daemon().name("python-worker-" + modelName + "-stderr").start(this::pumpStderr);
  }

  static WorkerProcess start(String modelName, PythonCommand python, WorkerScripts scripts, Map<String, String> env)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(python.executable().toString(), "-B", scripts.worker().toString());
    builder.environment().clear();
    builder.environment().putAll(env);
    // Never write __pycache__ next to model.py: model folders may be read-only or committed files.
    builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    builder.environment().put("PYTHONUNBUFFERED", "1");
    builder.directory(scripts.dir().toFile());
    return new WorkerProcess(modelName, builder.start());
  }

  /**
   * Sends one frame and returns the worker's answer.
   *
   * @throws WorkerGoneException when the worker exits or breaks the protocol before answering
   */
  Frame call(Frame request) throws WorkerGoneException {
    try {
      request.writeTo(toWorker);
    } catch (IOException e) {
      // A worker that died early may still have left its last words in the pipe: read them below.
      LOG.debug("Writing to the python worker of {} failed: {}", modelName, e.toString());
    }
    try {
      return Frame.readFrom(fromWorker);
    } catch (IOException e) {
      throw new WorkerGoneException(describeExit(), e);
    }
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The exit code of a worker that has exited. */
  int exitCode() {
    return process.exitValue();
  }

  /** Why the worker stopped answering: exit code (waiting briefly for it) and its last stderr lines. */
  private String describeExit() {
    String exit;
    try {
      exit = process.waitFor(2, TimeUnit.SECONDS) ? "exited with code " + process.exitValue() : "stopped answering";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exit = "stopped answering";
    }
    try {
      stderrPump.join(Duration.ofSeconds(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<String> tail;
    synchronized (stderrTail) {
      tail = List.copyOf(stderrTail);
    }
    return "the python worker of model '" + modelName + "' (pid " + process.pid() + ") " + exit
        + (tail.isEmpty() ? "" : "; its last output: " + String.join(" | ", tail));
  }

  private void pumpStderr() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        LOG.info("[{}] {}", modelName, line);
        synchronized (stderrTail) {
          if (stderrTail.size() == STDERR_LINES_KEPT) {
            stderrTail.removeFirst();
          }
          stderrTail.addLast(line);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.debug("stderr of the python worker of {} closed: {}", modelName, e.toString());
    }
  }

  /**
   * Asks the model to finalize, then ends the process: it exits by itself after finalize; one that
   * does not within {@link #FINALIZE_GRACE} is killed. Its memory goes with the process.
   */
  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        Frame.of(Frame.JSON.createObjectNode().put("type", "finalize")).writeTo(toWorker);
        toWorker.close();
      } catch (IOException e) {
        LOG.debug("The python worker of {} was already gone at unload: {}", modelName, e.toString());
      }
      try {
        if (!process.waitFor(FINALIZE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn("The python worker of {} did not finish finalize within {}; killing it", modelName, FINALIZE_GRACE);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    process.destroyForcibly();
    try {
      process.waitFor(FINALIZE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      stderrPump.join(Duration.ofSeconds(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      fromWorker.close();
    } catch (IOException e) {
      // The process is gone; nothing more can be read or freed.
    }
    try {
      toWorker.close();
    } catch (IOException e) {
      // Same: the pipe's other end is closed.
    }
  }
}
