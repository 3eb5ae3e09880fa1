package io.trantor.runtime.python.internal;

import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model instance (Triton's {@code <model>_<i>}): the worker process that currently runs it,
 * started again with the same {@code initialize} when it has died. Used by one request at a time.
 */
final class WorkerSlot implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerSlot.class);

  private final String modelName;
  private final PythonCommand python;
  private final Map<String, String> env;
  private final WorkerScripts scripts;
  private final Frame initialize;
  /** Written by the request holding the slot; volatile so {@link #pid} reads it from any thread. */
  private volatile WorkerProcess worker;

  WorkerSlot(String modelName, PythonCommand python, Map<String, String> env, WorkerScripts scripts, Frame initialize) {
    this.modelName = modelName;
    this.python = python;
    this.env = env;
    this.scripts = scripts;
    this.initialize = initialize;
  }

  /** Starts the worker and runs {@code initialize}; the slot is left without a worker on failure. */
  void start() throws WorkerStartException {
    WorkerProcess started;
    try {
      started = WorkerProcess.start(modelName, python, scripts, env);
    } catch (IOException e) {
      throw new WorkerStartException("cannot start " + python.executable() + ": " + e.getMessage());
    }
    Frame answer;
    try {
      answer = started.call(initialize);
    } catch (WorkerGoneException e) {
      started.close();
      throw new WorkerStartException(e.getMessage());
    }
    if (!"ready".equals(answer.type())) {
      started.close();
      String message = answer.header().path("message").asText(answer.type());
      throw new WorkerStartException(message.startsWith("numpy is not installed")
          ? message
          : "model '" + modelName + "' failed in initialize: " + message);
    }
    worker = started;
  }

  /**
   * Runs one frame on a live worker, starting a new one first when the last one died.
   *
   * @throws WorkerStartException when a new worker cannot be brought up
   * @throws WorkerGoneException when the worker dies while running the frame (the slot is then
   *     empty, and the next call starts a new worker)
   */
  Frame call(Frame request) throws WorkerStartException, WorkerGoneException {
    if (worker != null && !worker.isAlive()) {
      // Killed between requests (the OOM killer, a signal): say so before replacing it.
      LOG.warn("Python worker of model {} (pid {}) exited with code {} while idle; starting a new one",
          modelName, worker.pid(), worker.exitCode());
      close();
    }
    if (worker == null) {
      start();
      LOG.info("Python worker of model {} started again (pid {})", modelName, worker.pid());
    }
    try {
      return worker.call(request);
    } catch (WorkerGoneException e) {
      close();
      LOG.warn("Python worker of model {} died; a new one starts with the next request: {}", modelName, e.getMessage());
      throw e;
    }
  }

  /** The worker's pid, or -1 when the slot has none. */
  long pid() {
    WorkerProcess current = worker;
    return current == null ? -1 : current.pid();
  }

  /** Runs finalize and ends the worker, if one runs. */
  @Override
  public void close() {
    if (worker != null) {
      worker.close();
      worker = null;
    }
  }
}
