package io.trantor.compiler.pipeline;

import java.util.List;
import java.util.Set;

/**
 * What one pipeline version needs at run time: plain data, printable, testable without Kafka.
 * The gateway turns it into a Kafka Streams topology; the control plane creates its topics.
 *
 * <p>SKELETON: the dataflow half (nodes, joins, windows, tensor maps, triggers) is added by the
 * compiler's pipeline planner; the fields below are what the control plane relies on.
 *
 * @param namespace  the pipeline's namespace
 * @param name       the pipeline's name
 * @param version    the pipeline version (1, 2, ... per spec change)
 * @param uid        unique per version; names the Kafka Streams application
 * @param topics     every topic the dataflow reads or writes (to be created before it starts)
 * @param stepModels the models the steps call, in step order
 */
public record PipelinePlan(String namespace, String name, long version, String uid, Set<String> topics, List<String> stepModels) {
  public PipelinePlan {
    topics = Set.copyOf(topics);
    stepModels = List.copyOf(stepModels);
  }
}
