package io.trantor.workflows.testing;

import io.temporal.failure.ApplicationFailure;
import io.trantor.workflows.activity.ActivityFailures;
import io.trantor.workflows.activity.PipelineActivities;
import io.trantor.workflows.activity.PipelineCheck;
import io.trantor.workflows.activity.PipelineVersion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Pipeline activities over in-memory state: gateways that run what is published, models that a test makes available. */
public final class FakePipelines implements PipelineActivities {
  private final Set<String> availableModels = ConcurrentHashMap.newKeySet();
  private final Map<String, PipelineVersion> published = new ConcurrentHashMap<>();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private volatile boolean gatewayRunning = true;
  private volatile String unplannable;

  public void makeAvailable(String model) {
    availableModels.add(model);
  }

  public void gatewayRunning(boolean running) {
    gatewayRunning = running;
  }

  /** Specs containing this text fail to plan. */
  public void unplannable(String text) {
    unplannable = text;
  }

  public PipelineVersion published(String namespace, String name) {
    return published.get(namespace + "/" + name);
  }

  public List<String> calls() {
    return List.copyOf(calls);
  }

  @Override
  public List<String> createTopics(PipelineVersion version) {
    calls.add("createTopics " + version.name() + " v" + version.version());
    if (unplannable != null && version.specJson().contains(unplannable)) {
      throw ApplicationFailure.newNonRetryableFailure("cannot plan: " + unplannable, ActivityFailures.INVALID);
    }
    return List.of("seldon." + version.namespace() + ".pipeline." + version.name() + ".inputs",
        "seldon." + version.namespace() + ".pipeline." + version.name() + ".outputs");
  }

  @Override
  public void publishPipeline(PipelineVersion version) {
    calls.add("publish " + version.name() + " v" + version.version());
    published.put(version.namespace() + "/" + version.name(), version);
  }

  @Override
  public PipelineCheck checkPipeline(PipelineVersion version, List<String> stepModels) {
    List<String> problems = new ArrayList<>();
    for (String model : new HashSet<>(stepModels)) {
      if (!availableModels.contains(model)) {
        problems.add("step " + model + ": model not available");
      }
    }
    if (!gatewayRunning) {
      problems.add("no gateway running the topology");
    }
    problems.sort(null);
    return new PipelineCheck(problems, false);
  }

  @Override
  public void removePipeline(String namespace, String name, boolean deleteTopics) {
    calls.add("remove " + name + (deleteTopics ? " with topics" : ""));
    published.remove(namespace + "/" + name);
  }
}
