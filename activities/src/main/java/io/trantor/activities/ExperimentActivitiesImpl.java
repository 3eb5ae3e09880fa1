package io.trantor.activities;

import static java.util.Objects.requireNonNull;

import io.temporal.failure.ApplicationFailure;
import io.trantor.workflows.activity.ActivityFailures;
import io.trantor.workflows.activity.ExperimentActivities;
import io.trantor.workflows.activity.ExperimentRoute;
import java.util.List;

/**
 * Checks an experiment's models (or, for a pipeline experiment, its pipelines) against a
 * {@link ResourceCatalog} and installs experiment routes into a {@link RoutePublisher}.
 */
public final class ExperimentActivitiesImpl implements ExperimentActivities {

  private final RoutePublisher table;
  private final ResourceCatalog catalog;

  public ExperimentActivitiesImpl(RoutePublisher table, ResourceCatalog catalog) {
    this.table = requireNonNull(table, "table");
    this.catalog = requireNonNull(catalog, "catalog");
  }

  @Override
  public List<String> unknownModels(ExperimentRoute route) {
    String kind = route.pipelines() ? "pipeline " : "model ";
    return route.models().stream()
        .distinct()
        .filter(name -> route.pipelines()
            ? !catalog.isPipeline(route.namespace(), name)
            : !catalog.isModel(route.namespace(), name))
        .map(name -> kind + name + " not found")
        .toList();
  }

  @Override
  public void publishExperiment(ExperimentRoute route) {
    try {
      table.publishExperiment(route);
    } catch (ExperimentDefaultTakenException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), ActivityFailures.INVALID);
    }
  }

  @Override
  public void removeExperiment(String namespace, String name) {
    table.removeExperiment(namespace, name);
  }
}
