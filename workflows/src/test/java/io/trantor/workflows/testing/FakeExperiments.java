package io.trantor.workflows.testing;

import io.temporal.failure.ApplicationFailure;
import io.trantor.workflows.activity.ActivityFailures;
import io.trantor.workflows.activity.ExperimentActivities;
import io.trantor.workflows.activity.ExperimentRoute;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The registry's models and pipelines and the gateways' experiment routes, in memory. */
public final class FakeExperiments implements ExperimentActivities {
  private final Set<String> models = new HashSet<>();
  private final Set<String> pipelines = new HashSet<>();
  private final Map<String, ExperimentRoute> routes = new HashMap<>();

  /** Makes {@code namespace/model} a known model. */
  public synchronized void addModel(String namespace, String model) {
    models.add(namespace + "/" + model);
  }

  /** Makes {@code namespace/pipeline} a known pipeline. */
  public synchronized void addPipeline(String namespace, String pipeline) {
    pipelines.add(namespace + "/" + pipeline);
  }

  /** The installed route of {@code namespace/name}, or {@code null}. */
  public synchronized ExperimentRoute route(String namespace, String name) {
    return routes.get(namespace + "/" + name);
  }

  @Override
  public synchronized List<String> unknownModels(ExperimentRoute route) {
    List<String> unknown = new ArrayList<>();
    Set<String> known = route.pipelines() ? pipelines : models;
    for (String name : route.models()) {
      if (!known.contains(route.namespace() + "/" + name)) {
        unknown.add((route.pipelines() ? "pipeline " : "model ") + name + " not found");
      }
    }
    return unknown;
  }

  @Override
  public synchronized void publishExperiment(ExperimentRoute route) {
    if (route.defaultModel() != null) {
      for (ExperimentRoute other : routes.values()) {
        if (!other.name().equals(route.name()) && other.namespace().equals(route.namespace())
            && other.pipelines() == route.pipelines() && route.defaultModel().equals(other.defaultModel())) {
          throw ApplicationFailure.newNonRetryableFailure("model " + route.defaultModel()
              + " is already the default of experiment " + other.name(), ActivityFailures.INVALID);
        }
      }
    }
    routes.put(route.namespace() + "/" + route.name(), route);
  }

  @Override
  public synchronized void removeExperiment(String namespace, String name) {
    routes.remove(namespace + "/" + name);
  }
}
