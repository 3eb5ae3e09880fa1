package io.trantor.activities;

import static java.util.Objects.requireNonNull;

import io.trantor.workflows.activity.ModelRoute;
import io.trantor.workflows.activity.RouteActivities;

/** Publishes model routes into a {@link RoutePublisher}. */
public final class RouteActivitiesImpl implements RouteActivities {

  private final RoutePublisher table;

  public RouteActivitiesImpl(RoutePublisher table) {
    this.table = requireNonNull(table, "table");
  }

  @Override
  public void publish(ModelRoute route) {
    table.publish(route);
  }

  @Override
  public void remove(String namespace, String model) {
    table.remove(namespace, model);
  }
}
