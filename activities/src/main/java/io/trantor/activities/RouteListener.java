package io.trantor.activities;

import io.trantor.workflows.activity.ModelRoute;

/** Told about every change of the {@link RouteTable} (the gateways subscribe). */
public interface RouteListener {

  void routeChanged(ModelRoute route);

  void routeRemoved(String namespace, String model);
}
