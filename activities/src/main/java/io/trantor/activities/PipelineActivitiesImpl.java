package io.trantor.activities;

import static java.util.Objects.requireNonNull;

import io.temporal.failure.ApplicationFailure;
import io.trantor.compiler.pipeline.PipelinePlan;
import io.trantor.compiler.pipeline.TopicNames;
import io.trantor.workflows.activity.ActivityFailures;
import io.trantor.workflows.activity.PipelineActivities;
import io.trantor.workflows.activity.PipelineCheck;
import io.trantor.workflows.activity.PipelineVersion;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;

/**
 * Creates a pipeline's topics (planned by the compiler), hands it to the gateways through the
 * {@link PipelinePublisher}, and tells the workflow what stands between the pipeline and ready.
 */
public final class PipelineActivitiesImpl implements PipelineActivities {

  private final PipelinePublisher table;
  private final RoutePublisher routes;
  private final TopicProvisioner topics;
  private final Function<String, TopicNames> topicNames;

  /**
   * @param routes     model routes: a model with a route to at least one replica is available
   * @param topicNames the topic names of a namespace (prefix from the Kafka settings)
   */
  public PipelineActivitiesImpl(PipelinePublisher table, RoutePublisher routes, TopicProvisioner topics,
      Function<String, TopicNames> topicNames) {
    this.table = requireNonNull(table, "table");
    this.routes = requireNonNull(routes, "routes");
    this.topics = requireNonNull(topics, "topics");
    this.topicNames = requireNonNull(topicNames, "topicNames");
  }

  @Override
  public List<String> createTopics(PipelineVersion version) {
    PipelinePlan plan = plan(version);
    List<String> sorted = plan.topics().stream().sorted().toList();
    topics.ensure(sorted);
    return sorted;
  }

  private PipelinePlan plan(PipelineVersion version) {
    try {
      return PipelinePlanMessages.plan(version, topicNames.apply(version.namespace()));
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), ActivityFailures.INVALID);
    }
  }

  @Override
  public void publishPipeline(PipelineVersion version) {
    table.publish(version);
  }

  @Override
  public PipelineCheck checkPipeline(PipelineVersion version, List<String> stepModels) {
    List<String> problems = new ArrayList<>();
    for (String model : new LinkedHashSet<>(stepModels)) {
      if (!routes.isAvailable(version.namespace(), model)) {
        problems.add("step " + model + ": model not available");
      }
    }
    boolean running = false;
    boolean failed = false;
    for (PipelineGatewayState report : table.reports(version.namespace(), version.name())) {
      if (!report.uid().equals(version.uid())) {
        continue; // about an older version
      }
      if (PipelineGatewayState.READY.equals(report.state())) {
        running = true;
      } else if (PipelineGatewayState.FAILED.equals(report.state())) {
        failed = true;
        problems.add("gateway " + report.gateway() + ": " + report.reason());
      }
    }
    if (!running && !failed) {
      problems.add("no gateway running the topology");
    }
    return new PipelineCheck(problems, failed && !running);
  }

  @Override
  public void removePipeline(String namespace, String name, boolean deleteTopics) {
    table.remove(namespace, name);
    if (deleteTopics) {
      TopicNames names = topicNames.apply(namespace);
      topics.delete(List.of(names.pipelineInputs(name), names.pipelineOutputs(name)));
    }
  }
}
