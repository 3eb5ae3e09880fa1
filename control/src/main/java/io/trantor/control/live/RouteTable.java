package io.trantor.control.live;

import static java.util.Objects.requireNonNull;

import io.trantor.activities.ExperimentDefaultTakenException;
import io.trantor.activities.RoutePublisher;
import io.trantor.workflows.activity.ExperimentRoute;
import io.trantor.workflows.activity.ModelRoute;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The routes the data plane should use, in memory: one {@link ModelRoute} per model and one
 * {@link ExperimentRoute} per experiment.
 * Listeners hear every change, in order per model; a listener added later reads {@link #routes()}
 * first.
 */
public final class RouteTable implements RoutePublisher {

  private record Key(String namespace, String model) {}

  private final Map<Key, ModelRoute> routes = new ConcurrentHashMap<>();
  private final Map<Key, ExperimentRoute> experiments = new ConcurrentHashMap<>();
  private final List<RouteListener> listeners = new CopyOnWriteArrayList<>();
  // While a restarted control plane seeds the table from the workflows, what the activities
  // published or removed meanwhile is newer than any workflow's announcement, and wins.
  private final SeedingGuard<Key> seeding = new SeedingGuard<>();

  /** From now until {@link #seeded()}, {@code seed*} calls do not overwrite newer changes. */
  public void startSeeding() {
    seeding.start();
  }

  public void seeded() {
    seeding.done();
  }

  /** A workflow's announced route, unless the route was published or removed since seeding began. */
  public synchronized void seed(ModelRoute route) {
    Key key = new Key(route.namespace(), route.model());
    if (seeding.maySeed(key)) {
      publish(route);
    }
  }

  /** A workflow's announced experiment route, unless it changed since seeding began. */
  public synchronized void seedExperiment(ExperimentRoute route) {
    Key key = new Key(route.namespace(), "experiment/" + route.name());
    if (seeding.maySeed(key)) {
      publishExperiment(route);
    }
  }

  private void touch(String namespace, String name) {
    seeding.touch(new Key(namespace, name));
  }

  public void addListener(RouteListener listener) {
    listeners.add(requireNonNull(listener, "listener"));
  }

  public void removeListener(RouteListener listener) {
    listeners.remove(listener);
  }

  /** Replaces a model's route; listeners hear of it only when it changed. */
  @Override
  public synchronized void publish(ModelRoute route) {
    requireNonNull(route, "route");
    touch(route.namespace(), route.model());
    ModelRoute old = routes.put(new Key(route.namespace(), route.model()), route);
    if (!Objects.equals(old, route)) {
      listeners.forEach(l -> l.routeChanged(route));
    }
  }

  @Override
  public synchronized void remove(String namespace, String model) {
    touch(namespace, model);
    if (routes.remove(new Key(namespace, model)) != null) {
      listeners.forEach(l -> l.routeRemoved(namespace, model));
    }
  }

  public Optional<ModelRoute> route(String namespace, String model) {
    return Optional.ofNullable(routes.get(new Key(namespace, model)));
  }

  /** Whether the model has a route to at least one replica (what pipelines call "available"). */
  @Override
  public boolean isAvailable(String namespace, String model) {
    ModelRoute route = routes.get(new Key(namespace, model));
    return route != null && !route.endpoints().isEmpty();
  }

  /** Every route, ordered by namespace then model. */
  public List<ModelRoute> routes() {
    return routes.values().stream()
        .sorted(Comparator.comparing(ModelRoute::namespace).thenComparing(ModelRoute::model))
        .toList();
  }

  /**
   * Replaces an experiment's route; listeners hear of it only when it changed.
   *
   * @throws ExperimentDefaultTakenException when another experiment of the namespace has the same default
   */
  @Override
  public synchronized void publishExperiment(ExperimentRoute route) {
    requireNonNull(route, "route");
    if (route.defaultModel() != null) {
      for (ExperimentRoute other : experiments.values()) {
        // Models and pipelines have names of their own: a pipeline experiment never takes a model's.
        if (other.namespace().equals(route.namespace()) && !other.name().equals(route.name())
            && other.pipelines() == route.pipelines() && route.defaultModel().equals(other.defaultModel())) {
          throw new ExperimentDefaultTakenException(route.pipelines() ? "pipeline" : "model", route.defaultModel(), other.name());
        }
      }
    }
    touch(route.namespace(), "experiment/" + route.name());
    ExperimentRoute old = experiments.put(new Key(route.namespace(), route.name()), route);
    if (!Objects.equals(old, route)) {
      listeners.forEach(l -> l.experimentChanged(route));
    }
  }

  @Override
  public synchronized void removeExperiment(String namespace, String name) {
    touch(namespace, "experiment/" + name);
    if (experiments.remove(new Key(namespace, name)) != null) {
      listeners.forEach(l -> l.experimentRemoved(namespace, name));
    }
  }

  public Optional<ExperimentRoute> experiment(String namespace, String name) {
    return Optional.ofNullable(experiments.get(new Key(namespace, name)));
  }

  /** Every experiment route, ordered by namespace then name. */
  public List<ExperimentRoute> experiments() {
    return experiments.values().stream()
        .sorted(Comparator.comparing(ExperimentRoute::namespace).thenComparing(ExperimentRoute::name))
        .toList();
  }
}
