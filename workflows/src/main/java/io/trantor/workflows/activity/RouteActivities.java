package io.trantor.workflows.activity;

import io.temporal.activity.ActivityInterface;

/** Publishes routes to the data plane (gateways), which never waits on Temporal. */
@ActivityInterface
public interface RouteActivities {
  /** Replaces the model's route. Idempotent. */
  void publish(ModelRoute route);

  /** Removes the model's route. Idempotent. */
  void remove(String namespace, String model);
}
