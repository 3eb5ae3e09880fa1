package io.trantor.gateway.pipelinehost.dataflow;

import io.trantor.gateway.pipelinehost.plan.Flow;
import io.trantor.gateway.pipelinehost.plan.PipelinePlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Kafka Streams application per pipeline version on this gateway. A new version of a running
 * pipeline starts next to the old one; the old one stops only once the new one is running, so every
 * request is processed by at least one of them (some by both; callers dedupe by request id). A new
 * version that fails leaves the old one running.
 */
public final class Dataflows implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Dataflows.class);
  /** The longest a replaced version keeps running after its successor runs. */
  static final long MAX_DRAIN_MS = 60_000;

  private final DataflowConfig config;
  private final Map<String, Versions> pipelines = new HashMap<>();
  private final List<Consumer<DataflowStateChange>> listeners = new CopyOnWriteArrayList<>();
  /** Closes replaced versions: never on a stream thread, whose state callback must not wait for itself. */
  private final ScheduledThreadPoolExecutor retirer = new ScheduledThreadPoolExecutor(1, r -> {
    Thread thread = new Thread(r, "dataflow-retirer");
    thread.setDaemon(true);
    return thread;
  });
  private boolean closed;

  /** The versions of one pipeline: the latest started, and older ones still running until it runs. */
  private static final class Versions {
    DataflowApplication current;
    /** Older versions still running until {@link #current} runs. */
    final List<DataflowApplication> retiring = new ArrayList<>();
    /** Older versions draining their joins after {@link #current} runs; closed by the retirer. */
    final List<DataflowApplication> draining = new ArrayList<>();
  }

  public Dataflows(DataflowConfig config) {
    this.config = config;
    // On close, stop() closes the versions still draining; their delayed retirements are then moot.
    retirer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** Starts the plan's version; does nothing when that version (same uid) is already starting or running. */
  public void start(PipelinePlan plan) {
    DataflowApplication restart = null;
    PipelinePlan predecessor = null;
    DataflowApplication app;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("dataflows are closed");
      }
      Versions versions = pipelines.computeIfAbsent(key(plan.namespace(), plan.name()), k -> new Versions());
      if (versions.current != null && versions.current.plan().uid().equals(plan.uid())) {
        if (!(versions.current.state() instanceof DataflowState.Failed)) {
          return;
        }
        restart = versions.current;
      } else if (versions.current != null) {
        versions.retiring.add(versions.current);
      }
      // The newest older version still working hands its offsets over (also when retrying a failed start).
      for (DataflowApplication older : versions.retiring) {
        if (!(older.state() instanceof DataflowState.Failed)) {
          predecessor = older.plan();
        }
      }
      try {
        app = new DataflowApplication(plan, config, this::changed);
      } catch (RuntimeException e) {
        versions.current = null;
        notify(plan, new DataflowState.Failed(plan.version(), "cannot create the dataflow: " + e.getMessage()));
        throw e;
      }
      versions.current = app;
    }
    if (restart != null) {
      restart.close();
    }
    notify(plan, app.state());
    if (predecessor != null) {
      try {
        OffsetHandover.handOver(config, predecessor, plan);
      } catch (RuntimeException e) {
        LOG.error("dataflow {}/{} v{} cannot start", plan.namespace(), plan.name(), plan.version(), e);
        app.fail("cannot take over from version " + predecessor.version() + ": " + e.getMessage());
        return;
      }
    }
    app.start();
  }

  /** Stops every version of the pipeline and waits for them to stop. */
  public void stop(String namespace, String pipeline) {
    Versions versions;
    synchronized (this) {
      versions = pipelines.remove(key(namespace, pipeline));
    }
    if (versions == null) {
      return;
    }
    List<DataflowApplication> all = new ArrayList<>(versions.retiring);
    all.addAll(versions.draining);
    if (versions.current != null) {
      all.add(versions.current);
    }
    all.forEach(DataflowApplication::close);
    if (versions.current != null) {
      notify(versions.current.plan(), new DataflowState.NotRunning());
    }
  }

  /** The state of the latest version started for the pipeline. */
  public synchronized DataflowState state(String namespace, String pipeline) {
    Versions versions = pipelines.get(key(namespace, pipeline));
    return versions == null || versions.current == null ? new DataflowState.NotRunning() : versions.current.state();
  }

  /** Called for every state change of a latest version, on a Kafka Streams thread: return quickly. */
  public void onStateChange(Consumer<DataflowStateChange> listener) {
    listeners.add(listener);
  }

  private void changed(DataflowApplication app, DataflowState state) {
    List<DataflowApplication> retire = List.of();
    synchronized (this) {
      Versions versions = pipelines.get(key(app.plan().namespace(), app.plan().name()));
      if (versions == null || versions.current != app) {
        return;
      }
      if (state instanceof DataflowState.Running && !versions.retiring.isEmpty()) {
        retire = new ArrayList<>(versions.retiring);
        versions.draining.addAll(retire);
        versions.retiring.clear();
      }
    }
    notify(app.plan(), state);
    for (DataflowApplication old : retire) {
      long drain = drainMs(old.plan());
      LOG.info("dataflow {}/{} v{} runs; stopping v{} in {} ms", app.plan().namespace(), app.plan().name(),
          app.plan().version(), old.plan().version(), drain);
      retirer.schedule(() -> retire(app.plan(), old), drain, TimeUnit.MILLISECONDS);
    }
  }

  private void retire(PipelinePlan pipeline, DataflowApplication old) {
    synchronized (this) {
      Versions versions = pipelines.get(key(pipeline.namespace(), pipeline.name()));
      if (versions != null) {
        versions.draining.remove(old);
      }
    }
    old.close();
  }

  /**
   * How long a replaced version keeps running after its successor runs: its longest join window (at most
   * {@link #MAX_DRAIN_MS}), so a join it half-completed before the hand-over can still complete there
   * (the successor starts after it and never sees the first half).
   */
  static long drainMs(PipelinePlan plan) {
    return Math.min(MAX_DRAIN_MS, plan.flows().stream().filter(Flow::joins).mapToLong(Flow::joinWindowMs).max()
        .orElse(0));
  }

  private void notify(PipelinePlan plan, DataflowState state) {
    DataflowStateChange change = new DataflowStateChange(plan.namespace(), plan.name(), plan.uid(), state);
    for (Consumer<DataflowStateChange> listener : listeners) {
      try {
        listener.accept(change);
      } catch (RuntimeException e) {
        LOG.warn("dataflow state listener failed on {}", change, e);
      }
    }
  }

  private static String key(String namespace, String pipeline) {
    return namespace + "/" + pipeline;
  }

  /** Stops every version of every pipeline, draining ones included, and waits for them to stop. */
  @Override
  public void close() {
    List<String> keys;
    synchronized (this) {
      closed = true;
      keys = new ArrayList<>(pipelines.keySet());
    }
    for (String key : keys) {
      int slash = key.indexOf('/');
      stop(key.substring(0, slash), key.substring(slash + 1));
    }
    // A retirement already closing a version finishes; delayed ones are dropped (stop() closed those).
    retirer.shutdown();
    try {
      if (!retirer.awaitTermination(DataflowApplication.CLOSE_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS)) {
        LOG.warn("replaced dataflow versions did not stop in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
