package io.trantor.gateway.internal;

import static java.util.Objects.requireNonNull;

import io.trantor.compiler.pipeline.PipelinePlan;
import io.trantor.compiler.pipeline.PipelinePlanner;
import io.trantor.dsl.FieldValidation;
import io.trantor.dsl.Manifests;
import io.trantor.dsl.Pipeline;
import io.trantor.dsl.ReadResult;
import io.trantor.gateway.dataflow.DataflowConfig;
import io.trantor.gateway.dataflow.DataflowState;
import io.trantor.gateway.dataflow.DataflowStateChange;
import io.trantor.gateway.dataflow.Dataflows;
import io.trantor.gateway.pipeline.ModelGateway;
import io.trantor.gateway.pipeline.PipelineGateway;
import io.trantor.kafka.KafkaSettings;
import io.trantor.protocol.control.PipelineAssignment;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipelines this gateway runs: for each assignment from the control plane it compiles the plan,
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

  private final KafkaSettings kafka;
  private final PipelineGateway pipelineGateway;
  private final ModelGateway modelGateway;
  private final Dataflows dataflows;
  private final Map<String, PipelinePlan> plans = new ConcurrentHashMap<>();
  private volatile Reporter reporter = (ns, name, version, uid, state, reason) -> {};

  public GatewayPipelines(KafkaSettings kafka, Path stateDir, PipelineGateway pipelineGateway, ModelGateway modelGateway) {
    this.kafka = requireNonNull(kafka, "kafka");
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
      reportState(current, dataflows.state(current.namespace(), current.name()));
      return;
    }
    PipelinePlan plan = PipelinePlanner.plan(pipeline(assignment), assignment.getVersion(), assignment.getUid(),
        kafka.topics(assignment.getNamespace()));
    for (String model : plan.stepModels()) {
      modelGateway.subscribe(plan.namespace(), model);
    }
    pipelineGateway.register(plan.namespace(), plan.name());
    plans.put(key, plan);
    reporter.report(plan.namespace(), plan.name(), plan.version(), plan.uid(), "Creating", "starting the topology");
    dataflows.start(plan);
    log.info("Pipeline {} v{} starting ({} steps)", key, plan.version(), plan.stepModels().size());
    if (current != null) {
      unsubscribeUnused(current.namespace(), current.stepModels());
    }
  }

  private static Pipeline pipeline(PipelineAssignment assignment) {
    ReadResult read = Manifests.read(assignment.getSpecJson(), assignment.getName(), FieldValidation.IGNORE);
    if (!read.ok() || read.resources().size() != 1 || !(read.resources().getFirst() instanceof Pipeline pipeline)) {
      throw new IllegalArgumentException("the control plane sent a spec that is not one valid Pipeline: " + read.problems());
    }
    return pipeline;
  }

  @Override
  public synchronized void remove(String namespace, String name) {
    PipelinePlan plan = plans.remove(key(namespace, name));
    dataflows.stop(namespace, name);
    pipelineGateway.unregister(namespace, name);
    if (plan != null) {
      unsubscribeUnused(namespace, plan.stepModels());
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
  private void unsubscribeUnused(String namespace, List<String> models) {
    for (String model : models) {
      boolean used = plans.values().stream().anyMatch(p -> p.namespace().equals(namespace) && p.stepModels().contains(model));
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
    dataflows.close();
  }
}
