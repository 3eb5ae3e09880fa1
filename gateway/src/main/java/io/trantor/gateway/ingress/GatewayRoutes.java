package io.trantor.gateway.ingress;

import static java.util.Objects.requireNonNull;

import io.trantor.protocol.ModelNotFoundException;
import io.trantor.protocol.control.RouteBatch;
import io.trantor.protocol.control.RouteEndpoint;
import io.trantor.protocol.control.RouteUpdate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The gateway's route table, by model name, and its experiments, as the control plane last told
 * them. A request reads one {@link Routing} and keeps it, so a route change never affects a request
 * already routed. An experiment answers to {@code <name>.experiment} and, when it has a default
 * model, to that model's name; a request whose {@code x-seldon-route} names one of its candidates'
 * routes sticks to that candidate (reference §3.4). A pipeline experiment does the same between
 * pipelines: it answers to {@code <name>.experiment} and takes over {@code <default>.pipeline}, and
 * {@code x-seldon-route: :<candidate>.pipeline:} sticks.
 */
public final class GatewayRoutes {
  static final String SELDON_MODEL = "seldon-model";

  private final Upstreams upstreams;
  private static final String EXPERIMENT_SUFFIX = ".experiment";

  private final Map<String, ModelTarget> byModel = new ConcurrentHashMap<>();
  private final Map<String, ExperimentTarget> experiments = new ConcurrentHashMap<>();
  private volatile Map<String, ExperimentTarget> byDefault = Map.of();
  private volatile Map<String, ExperimentTarget> byDefaultPipeline = Map.of();

  public GatewayRoutes(Upstreams upstreams) {
    this.upstreams = requireNonNull(upstreams, "upstreams");
  }

  /** Applies one batch from the route stream; a full batch replaces the whole table. */
  public synchronized void apply(RouteBatch batch) {
    if (batch.getFull()) {
      Map<String, ModelTarget> next = new HashMap<>();
      Map<String, ExperimentTarget> nextExperiments = new HashMap<>();
      for (RouteUpdate update : batch.getUpdatesList()) {
        if (update.getRemoved()) {
          continue;
        }
        if (update.hasExperiment()) {
          nextExperiments.put(update.getExperiment().getName(), ExperimentTarget.of(update.getExperiment()));
        } else {
          next.put(update.getModel(), target(update));
        }
      }
      byModel.putAll(next);
      byModel.keySet().retainAll(next.keySet());
      experiments.putAll(nextExperiments);
      experiments.keySet().retainAll(nextExperiments.keySet());
      indexDefaults();
      return;
    }
    for (RouteUpdate update : batch.getUpdatesList()) {
      if (update.hasExperiment()) {
        if (update.getRemoved()) {
          experiments.remove(update.getExperiment().getName());
        } else {
          experiments.put(update.getExperiment().getName(), ExperimentTarget.of(update.getExperiment()));
        }
        indexDefaults();
      } else if (update.getRemoved()) {
        byModel.remove(update.getModel());
      } else {
        byModel.put(update.getModel(), target(update));
      }
    }
  }

  private void indexDefaults() {
    Map<String, ExperimentTarget> models = new HashMap<>();
    Map<String, ExperimentTarget> pipelines = new HashMap<>();
    experiments.values().stream().filter(e -> e.defaultModel() != null)
        .forEach(e -> (e.pipelines() ? pipelines : models).put(e.defaultModel(), e));
    byDefault = Map.copyOf(models);
    byDefaultPipeline = Map.copyOf(pipelines);
  }

  public int size() {
    return byModel.size();
  }

  /**
   * The target of a request: the {@code Seldon-Model} header when present, else the model the
   * path or message names.
   *
   * @throws ModelNotFoundException for an unknown model or experiment, and pipelines
   */
  ModelTarget resolve(String seldonModelHeader, String named) {
    return resolve(seldonModelHeader, named, List.of()).target();
  }

  /**
   * The routing of a request, experiments included.
   *
   * @param seldonRoutes the request's {@code x-seldon-route} values (sticky sessions)
   * @throws ModelNotFoundException for an unknown model or experiment, and pipelines
   */
  Routing resolve(String seldonModelHeader, String named, List<String> seldonRoutes) {
    String name = seldonModelHeader != null && !seldonModelHeader.isBlank() ? seldonModelHeader.trim() : named;
    if (name == null || name.isEmpty()) {
      throw new ModelNotFoundException("no model named: send the Seldon-Model header or a model name");
    }
    if (name.endsWith(".pipeline")) {
      // Pipeline infer and ready are answered by the pipeline gateway before routing; nothing else is.
      throw new ModelNotFoundException("'" + name + "': a pipeline answers only infer and ready");
    }
    if (name.endsWith(EXPERIMENT_SUFFIX)) {
      ExperimentTarget experiment = experiments.get(name.substring(0, name.length() - EXPERIMENT_SUFFIX.length()));
      if (experiment == null) {
        throw new ModelNotFoundException("experiment '" + name + "' not found");
      }
      if (experiment.pipelines()) {
        throw new ModelNotFoundException("'" + name + "': an experiment between pipelines answers only infer and ready");
      }
      return route(experiment, seldonRoutes);
    }
    ExperimentTarget experiment = byDefault.get(name);
    if (experiment != null) {
      return route(experiment, seldonRoutes);
    }
    return Routing.to(model(name));
  }

  /**
   * The pipeline that serves a request for {@code <p>.pipeline} or for a pipeline experiment's
   * {@code <e>.experiment}, and the pipeline that gets a copy; {@code null} when the name is neither.
   *
   * @param seldonRoutes the request's {@code x-seldon-route} values (sticky sessions)
   * @param hosted       whether this gateway runs a pipeline (a candidate it does not run is passed over)
   */
  PipelineRouting pipelineRouting(String requested, List<String> seldonRoutes, Predicate<String> hosted) {
    if (requested == null) {
      return null;
    }
    ExperimentTarget experiment;
    if (PipelineEndpoint.isPipeline(requested)) {
      String pipeline = PipelineEndpoint.pipelineName(requested);
      experiment = byDefaultPipeline.get(pipeline);
      if (experiment == null) {
        return new PipelineRouting(pipeline, null);
      }
    } else if (requested.endsWith(EXPERIMENT_SUFFIX)) {
      experiment = experiments.get(requested.substring(0, requested.length() - EXPERIMENT_SUFFIX.length()));
      if (experiment == null || !experiment.pipelines()) {
        return null;
      }
    } else {
      return null;
    }
    for (String candidate : experiment.candidates()) {
      String sticky = PipelineRouting.seldonRoute(candidate);
      if (seldonRoutes.stream().anyMatch(r -> r.contains(sticky))) {
        // Sticky requests are never mirrored, as Seldon's sticky routes carry no mirror policy.
        return new PipelineRouting(candidate, null);
      }
    }
    String chosen = experiment.pick();
    if (chosen == null || !hosted.test(chosen)) {
      chosen = Stream.concat(Stream.ofNullable(experiment.defaultModel()), experiment.candidates().stream())
          .filter(hosted).findFirst().orElse(chosen == null ? experiment.defaultModel() : chosen);
    }
    if (chosen == null) {
      throw new ModelNotFoundException("experiment '" + experiment.name() + "' has no candidate pipeline");
    }
    String mirror = experiment.mirrorThis() && !experiment.mirrorModel().equals(chosen) ? experiment.mirrorModel() : null;
    return new PipelineRouting(chosen, mirror);
  }

  private Routing route(ExperimentTarget experiment, List<String> seldonRoutes) {
    if (!seldonRoutes.isEmpty()) {
      for (String candidate : experiment.candidates()) {
        ModelTarget target = byModel.get(candidate);
        if (target != null && seldonRoutes.stream().anyMatch(r -> r.contains(target.seldonRoute()))) {
          return Routing.to(target);
        }
      }
    }
    ModelTarget target = byModel.get(Objects.requireNonNullElse(experiment.pick(), ""));
    if (target == null) {
      // The chosen candidate has no live route: the default serves alone (as Seldon falls back),
      // else any candidate that has one.
      target = fallback(experiment);
    }
    ModelTarget mirror = experiment.mirrorThis() ? byModel.get(experiment.mirrorModel()) : null;
    return new Routing(target, mirror);
  }

  private ModelTarget fallback(ExperimentTarget experiment) {
    if (experiment.defaultModel() != null && byModel.containsKey(experiment.defaultModel())) {
      return byModel.get(experiment.defaultModel());
    }
    return experiment.candidates().stream().map(byModel::get).filter(Objects::nonNull).findFirst()
        .orElseThrow(() -> new ModelNotFoundException(
            "experiment '" + experiment.name() + "' has no candidate with a live route"));
  }

  private ModelTarget model(String name) {
    ModelTarget target = byModel.get(name);
    if (target == null) {
      throw new ModelNotFoundException("model '" + name + "' not found");
    }
    return target;
  }

  private ModelTarget target(RouteUpdate update) {
    List<Replica> replicas = new ArrayList<>();
    for (RouteEndpoint endpoint : update.getEndpointsList()) {
      if (!endpoint.getEndpoint().isBlank()) {
        replicas.add(new Replica(endpoint.getServer(), endpoint.getReplicaIndex(), upstreams.get(endpoint.getEndpoint())));
      }
    }
    return new ModelTarget(update.getModel(), update.getVersion(), replicas);
  }
}
