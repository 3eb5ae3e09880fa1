package io.trantor.compiler.placement;

import io.trantor.dsl.Model;
import io.trantor.dsl.ModelSpec;
import java.util.ArrayList;
import java.util.List;

/** Builds the {@link ModelDemand} placement needs from a Model manifest. */
public final class ModelDemands {
  /**
   * Seldon's ExplainerFilter (reference §1.3) only lets explainers onto replicas with this
   * capability; here it becomes one more requirement, so the usual requirement check applies.
   */
  static final String EXPLAINER_CAPABILITY = "alibi-explain";

  private ModelDemands() {}

  /**
   * The demand of {@code model}.
   *
   * <p>Memory: {@code spec.memory} in bytes; unset means 0 bytes. Seldon declares a 1Mi default
   * but never applies it: the scheduler and the agent both count an unset memory as 0 (reference
   * seldon-behaviour.md §2.5), so a model without memory fits anywhere, as it does in Seldon.
   * Seldon multiplies by the runtime's instance count once a load has reported it; that runtime
   * information is not part of a manifest, so it is not applied here.
   *
   * @param currentServer the server the model's replicas are on now, or {@code null}
   */
  public static ModelDemand from(Model model, String currentServer) {
    ModelSpec spec = model.spec();
    List<String> requirements = new ArrayList<>(spec.requirements());
    if (spec.explainer() != null && requirements.stream().noneMatch(r -> r.strip().equals(EXPLAINER_CAPABILITY))) {
      requirements.add(EXPLAINER_CAPABILITY);
    }
    long memory = spec.memory() == null ? 0 : spec.memory().bytes();
    String pin = spec.server() == null || spec.server().isBlank() ? null : spec.server();
    return new ModelDemand(model.metadata().name(), requirements, memory, spec.replicas(), spec.minReplicas(),
        pin, currentServer == null || currentServer.isBlank() ? null : currentServer);
  }
}
