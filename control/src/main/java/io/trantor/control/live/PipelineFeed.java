package io.trantor.control.live;

import static java.util.Objects.requireNonNull;

import io.trantor.activities.PipelinePlanMessages;
import io.trantor.compiler.pipeline.TopicNames;
import io.trantor.protocol.control.PipelineAssignment;
import io.trantor.workflows.activity.PipelineVersion;
import java.util.function.Function;

/**
 * The {@link PipelineTable} as a {@link ChangeFeed} of {@code PipelineAssignment}s. Each version is
 * planned here once, when it is published, and every gateway receives that one plan.
 */
public final class PipelineFeed implements PipelineListener {

  private final Function<String, TopicNames> topicNames;
  private final ChangeFeed<PipelineAssignment> feed = new ChangeFeed<>(ChangeFeed.Rows.of(
      assignment -> assignment.getNamespace() + "\u0000" + assignment.getName(), PipelineAssignment::getRemoved));

  /**
   * Follows {@code table} from now on, starting from what it holds.
   *
   * @param topicNames a namespace's topic names (prefix from the Kafka settings), for the plans
   */
  public PipelineFeed(PipelineTable table, Function<String, TopicNames> topicNames) {
    this.topicNames = requireNonNull(topicNames, "topicNames");
    synchronized (table) { // as RouteFeed: later changes come after the copy
      table.addListener(this);
      table.pipelines().forEach(this::pipelineChanged);
    }
  }

  public ChangeFeed<PipelineAssignment> feed() {
    return feed;
  }

  @Override
  public void pipelineChanged(PipelineVersion version) {
    feed.publish(PipelinePlanMessages.assignment(version, topicNames.apply(version.namespace())));
  }

  @Override
  public void pipelineRemoved(String namespace, String name) {
    feed.publish(PipelineAssignment.newBuilder().setNamespace(namespace).setName(name).setRemoved(true).build());
  }
}
