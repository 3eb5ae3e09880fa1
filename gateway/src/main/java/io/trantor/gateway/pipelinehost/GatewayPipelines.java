package io.trantor.gateway.pipelinehost;

import static java.util.Objects.requireNonNull;

import io.trantor.gateway.pipelinehost.dataflow.DataflowConfig;
import io.trantor.gateway.pipelinehost.dataflow.DataflowState;
import io.trantor.gateway.pipelinehost.dataflow.DataflowStateChange;
import io.trantor.gateway.pipelinehost.dataflow.Dataflows;
import io.trantor.gateway.pipelinehost.plan.PipelinePlan;
import io.trantor.gateway.pipelinehost.plan.PlanMessages;
import io.trantor.gateway.pipelinehost.ModelGateway;
import io.trantor.gateway.pipelinehost.PipelineGateway;
import io.trantor.kafka.KafkaSettings;
import io.trantor.protocol.control.PipelineAssignment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipelines this gateway runs: for each assignment from the control plane it reads the compiled plan,
 * subscribes the model gateway to the steps' models, registers the pipeline with the pipeline
 * gateway and starts its Kafka Streams topology; state changes go back as reports.
 */
public final class GatewayPipelines implements PipelineHost, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GatewayPipelines.class);

  /** Where state reports go (the {@link PipelineWatcher}). */
  @FunctionalInterface
  public interface Reporter {
    void report(String namespace, String name, long version, String uid, String state, String reason);
  }

  private final PipelineGateway pipelineGateway;
  private final ModelGateway modelGateway;
  private final Dataflows dataflows;
  private final Map<String, PipelinePlan> plans = new ConcurrentHashMap<>();
  /** Per pipeline, every model its versions called since it was loaded here. */
  private final Map<String, Set<String>> served = new ConcurrentHashMap<>();
  static final Duration RETRY_FAILED = Duration.ofSeconds(5);
  private final ScheduledExecutorService retries =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("trantor-dataflow-retry").daemon().factory());
  private volatile Reporter reporter = (ns, name, version, uid, state, reason) -> {};

  public GatewayPipelines(KafkaSettings kafka, Path stateDir, PipelineGateway pipelineGateway, ModelGateway modelGateway) {
    requireNonNull(kafka, "kafka");
    this.pipelineGateway = requireNonNull(pipelineGateway, "pipelineGateway");
    this.modelGateway = requireNonNull(modelGateway, "modelGateway");
    this.dataflows = new Dataflows(new DataflowConfig(kafka.clientProperties(), kafka.consumerGroupPrefix(), stateDir,
        kafka.maxMessageBytes()));
    dataflows.onStateChange(this::stateChanged);
  }

  public void reportTo(Reporter reporter) {
    this.reporter = requireNonNull(reporter, "reporter");
  }

  @Override
  public synchronized void run(PipelineAssignment assignment) {
    String key = key(assignment.getNamespace(), assignment.getName());
    PipelinePlan current = plans.get(key);
    if (current != null && current.uid().equals(assignment.getUid())) {
      DataflowState state = dataflows.state(current.namespace(), current.name());
      if (state instanceof DataflowState.Failed) {
        dataflows.start(current); // starting a failed version again retries it
      } else {
        reportState(current, state);
      }
      return;
    }
    PipelinePlan plan = plan(assignment);
    for (String model : plan.stepModels()) {
      modelGateway.subscribe(plan.namespace(), model);
    }
    // An older version keeps running until the new one runs (and its joins drain), so the models
    // it calls stay served until the pipeline is removed.
    served.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).addAll(plan.stepModels());
    pipelineGateway.register(plan.namespace(), plan.name(), plan.stepModels());
    plans.put(key, plan);
    reporter.report(plan.namespace(), plan.name(), plan.version(), plan.uid(), "Creating", "starting the topology");
    dataflows.start(plan);
    log.info("Pipeline {} v{} starting ({} steps)", key, plan.version(), plan.stepModels().size());
  }

  /** The plan the control plane compiled; the gateway runs it as it is. */
  private static PipelinePlan plan(PipelineAssignment assignment) {
    if (!assignment.hasPlan()) {
      throw new IllegalArgumentException("the control plane sent pipeline " + assignment.getName() + " v"
          + assignment.getVersion() + " without a plan");
    }
    return PlanMessages.read(assignment.getPlan());
  }

  @Override
  public synchronized void remove(String namespace, String name) {
    PipelinePlan plan = plans.remove(key(namespace, name));
    Set<String> models = served.remove(key(namespace, name));
    dataflows.stop(namespace, name);
    pipelineGateway.unregister(namespace, name);
    if (models != null) {
      unsubscribeUnused(namespace, models);
    }
    if (plan != null) {
      reporter.report(namespace, name, plan.version(), plan.uid(), "Terminated", "");
      log.info("Pipeline {} removed", key(namespace, name));
    }
  }

  @Override
  public synchronized void retainOnly(Set<String> keep) {
    for (String key : new HashSet<>(plans.keySet())) {
      if (!keep.contains(key)) {
        PipelinePlan plan = plans.get(key);
        remove(plan.namespace(), plan.name());
      }
    }
  }

  /** Models are shared between pipelines: stop consuming a model's topic only when no pipeline uses it. */
  private void unsubscribeUnused(String namespace, Set<String> models) {
    for (String model : models) {
      boolean used = served.entrySet().stream()
          .anyMatch(e -> e.getKey().startsWith(namespace + "/") && e.getValue().contains(model));
      if (!used) {
        modelGateway.unsubscribe(namespace, model);
      }
    }
  }

  private void stateChanged(DataflowStateChange change) {
    PipelinePlan plan = plans.get(key(change.namespace(), change.pipeline()));
    if (plan == null || !plan.uid().equals(change.uid())) {
      return; // an older version, or a pipeline being removed
    }
    reportState(plan, change.state());
    if (change.state() instanceof DataflowState.Failed) {
      // Topics may appear, a broker may come back: try the same version again while it is wanted.
      try {
        retries.schedule(() -> retryFailed(plan), RETRY_FAILED.toMillis(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        // closing
      }
    }
  }

  private synchronized void retryFailed(PipelinePlan plan) {
    if (plan.equals(plans.get(key(plan.namespace(), plan.name())))
        && dataflows.state(plan.namespace(), plan.name()) instanceof DataflowState.Failed) {
      log.info("Pipeline {} v{}: starting its failed topology again", key(plan.namespace(), plan.name()), plan.version());
      dataflows.start(plan);
    }
  }

  private void reportState(PipelinePlan plan, DataflowState state) {
    switch (state) {
      case DataflowState.Running r -> reporter.report(plan.namespace(), plan.name(), plan.version(), plan.uid(), "Ready", "");
      case DataflowState.Starting s -> reporter.report(plan.namespace(), plan.name(), plan.version(), plan.uid(), "Creating", "starting the topology");
      case DataflowState.Failed f -> reporter.report(plan.namespace(), plan.name(), plan.version(), plan.uid(), "Failed", f.reason());
      case DataflowState.NotRunning n -> reporter.report(plan.namespace(), plan.name(), plan.version(), plan.uid(), "Creating", "topology not running");
    }
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  @Override
  public void close() {
    retries.shutdownNow();
    dataflows.close();
  }
}
