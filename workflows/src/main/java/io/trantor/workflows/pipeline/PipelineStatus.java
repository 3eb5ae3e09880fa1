package io.trantor.workflows.pipeline;

import java.util.List;

/**
 * The pipeline's state with Seldon's names: {@value #CREATING} (with the reason it is not ready
 * yet), {@value #READY}, {@value #FAILED}, {@value #TERMINATING}, {@value #TERMINATED}.
 *
 * @param version the version being rolled out or serving (0 before the first)
 * @param topics  the dataflow's topics, once created
 */
public record PipelineStatus(String state, String reason, long generation, long version, String uid, List<String> topics) {
  public static final String CREATING = "PipelineCreating";
  public static final String READY = "PipelineReady";
  public static final String FAILED = "PipelineFailed";
  public static final String TERMINATING = "PipelineTerminating";
  public static final String TERMINATED = "PipelineTerminated";

  public PipelineStatus {
    topics = List.copyOf(topics);
  }
}
