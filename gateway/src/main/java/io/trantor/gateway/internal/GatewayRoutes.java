package io.trantor.gateway.internal;

import static java.util.Objects.requireNonNull;

import io.trantor.protocol.ModelNotFoundException;
import io.trantor.protocol.control.RouteBatch;
import io.trantor.protocol.control.RouteEndpoint;
import io.trantor.protocol.control.RouteUpdate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's route table, by model name, as the control plane last told it. A request reads
 * one {@link ModelTarget} and keeps it, so a route change never affects a request already routed.
 */
public final class GatewayRoutes {
  static final String SELDON_MODEL = "seldon-model";

  private final Upstreams upstreams;
  private final Map<String, ModelTarget> byModel = new ConcurrentHashMap<>();

  public GatewayRoutes(Upstreams upstreams) {
    this.upstreams = requireNonNull(upstreams, "upstreams");
  }

  /** Applies one batch from the route stream; a full batch replaces the whole table. */
  void apply(RouteBatch batch) {
    if (batch.getFull()) {
      Map<String, ModelTarget> next = new HashMap<>();
      for (RouteUpdate update : batch.getUpdatesList()) {
        if (!update.getRemoved()) {
          next.put(update.getModel(), target(update));
        }
      }
      byModel.putAll(next);
      byModel.keySet().retainAll(next.keySet());
      return;
    }
    for (RouteUpdate update : batch.getUpdatesList()) {
      if (update.getRemoved()) {
        byModel.remove(update.getModel());
      } else {
        byModel.put(update.getModel(), target(update));
      }
    }
  }

  int size() {
    return byModel.size();
  }

  /**
   * The target of a request: the {@code Seldon-Model} header when present, else the model the
   * path or message names.
   *
   * @throws ModelNotFoundException for an unknown model, and (for now) pipelines and experiments
   */
  ModelTarget resolve(String seldonModelHeader, String named) {
    String name = seldonModelHeader != null && !seldonModelHeader.isBlank() ? seldonModelHeader.trim() : named;
    if (name == null || name.isEmpty()) {
      throw new ModelNotFoundException("no model named: send the Seldon-Model header or a model name");
    }
    if (name.endsWith(".pipeline") || name.endsWith(".experiment")) {
      throw new ModelNotFoundException(
          "'" + name + "': pipelines/experiments are not supported yet by the gateway");
    }
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
