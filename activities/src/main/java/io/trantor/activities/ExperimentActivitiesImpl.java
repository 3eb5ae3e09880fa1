package io.trantor.activities;

import static java.util.Objects.requireNonNull;

import io.temporal.failure.ApplicationFailure;
import io.trantor.workflows.activity.ActivityFailures;
import io.trantor.workflows.activity.ExperimentActivities;
import io.trantor.workflows.activity.ExperimentRoute;
import java.util.List;

/** Checks experiment models against a {@link ModelCatalog} and installs experiment routes into a {@link RoutePublisher}. */
public final class ExperimentActivitiesImpl implements ExperimentActivities {

  private final RoutePublisher table;
  private final ModelCatalog catalog;

  public ExperimentActivitiesImpl(RoutePublisher table, ModelCatalog catalog) {
    this.table = requireNonNull(table, "table");
    this.catalog = requireNonNull(catalog, "catalog");
  }

  @Override
  public List<String> unknownModels(ExperimentRoute route) {
    return route.models().stream()
        .distinct()
        .filter(model -> !catalog.isModel(route.namespace(), model))
        .map(model -> "model " + model + " not found")
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
