package io.trantor.activities;

import static java.util.Objects.requireNonNull;

import io.trantor.workflows.activity.ModelRoute;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The model routes the data plane should use, in memory: one {@link ModelRoute} per model.
 * Listeners hear every change, in order per model; a listener added later reads {@link #routes()}
 * first.
 */
public final class RouteTable {

  private record Key(String namespace, String model) {}

  private final Map<Key, ModelRoute> routes = new ConcurrentHashMap<>();
  private final List<RouteListener> listeners = new CopyOnWriteArrayList<>();

  public void addListener(RouteListener listener) {
    listeners.add(requireNonNull(listener, "listener"));
  }

  public void removeListener(RouteListener listener) {
    listeners.remove(listener);
  }

  /** Replaces a model's route; listeners hear of it only when it changed. */
  public void publish(ModelRoute route) {
    requireNonNull(route, "route");
    ModelRoute old = routes.put(new Key(route.namespace(), route.model()), route);
    if (!Objects.equals(old, route)) {
      listeners.forEach(l -> l.routeChanged(route));
    }
  }

  public void remove(String namespace, String model) {
    if (routes.remove(new Key(namespace, model)) != null) {
      listeners.forEach(l -> l.routeRemoved(namespace, model));
    }
  }

  public Optional<ModelRoute> route(String namespace, String model) {
    return Optional.ofNullable(routes.get(new Key(namespace, model)));
  }

  /** Every route, ordered by namespace then model. */
  public List<ModelRoute> routes() {
    return routes.values().stream()
        .sorted(Comparator.comparing(ModelRoute::namespace).thenComparing(ModelRoute::model))
        .toList();
  }
}
