package io.trantor.workflows.activity;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/** The side effects of a pipeline's rollout: Kafka topics, the gateways' topologies. */
@ActivityInterface
public interface PipelineActivities {

  /**
   * Plans the version and creates every topic its dataflow reads or writes (idempotent). Fails with
   * {@link ActivityFailures#INVALID} when the spec cannot be planned. Returns the topics.
   */
  List<String> createTopics(PipelineVersion version);

  /** Hands the version to the gateways, which start its topology (idempotent). */
  void publishPipeline(PipelineVersion version);

  /** What the gateways and the step models report now; never blocks for long. */
  PipelineCheck checkPipeline(PipelineVersion version, List<String> stepModels);

  /**
   * Takes the pipeline off the gateways (topologies stopped, routes gone); deletes its own input
   * and output topics only when {@code deleteTopics} (Seldon's {@code cleanTopicsOnDelete}).
   */
  void removePipeline(String namespace, String name, boolean deleteTopics);
}
