package io.trantor.compiler.pipeline;

import io.trantor.dsl.Pipeline;

/** Turns a validated {@link Pipeline} into a {@link PipelinePlan}. Pure; deterministic. */
public final class PipelinePlanner {
  private PipelinePlanner() {}

  /**
   * @param pipeline a pipeline that passed {@code dsl} validation
   * @param version  the version number the control plane assigned
   * @param uid      unique per version
   * @param topics   topic names of the pipeline's namespace (prefix from the Kafka settings)
   */
  public static PipelinePlan plan(Pipeline pipeline, long version, String uid, TopicNames topics) {
    throw new UnsupportedOperationException("SKELETON: the pipeline planner is being written");
  }
}
