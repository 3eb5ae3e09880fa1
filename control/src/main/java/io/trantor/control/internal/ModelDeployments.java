package io.trantor.control.internal;

import io.trantor.dsl.Model;
import io.trantor.dsl.ModelSpec;
import io.trantor.compiler.placement.ModelDemands;
import io.trantor.workflows.activity.ExplainerRef;
import io.trantor.workflows.model.ModelDeployment;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns a validated dsl Model into the workflow's {@link ModelDeployment}. */
public final class ModelDeployments {
  private ModelDeployments() {}

  public static ModelDeployment of(Model model, long generation) {
    ModelSpec spec = model.spec();
    Map<String, String> parameters = new LinkedHashMap<>();
    spec.parameters().forEach(p -> parameters.put(p.name(), p.value()));
    return new ModelDeployment(
        model.namespace(),
        model.name(),
        generation,
        spec.storageUri(),
        spec.artifactVersion() == null ? null : spec.artifactVersion().longValue(),
        // With alibi-explain added for explainers (Seldon's ExplainerFilter), as placement sees it.
        ModelDemands.from(model, null).requirements(),
        spec.memory() == null ? 0 : spec.memory().bytes(),
        spec.replicas(),
        spec.minReplicas(),
        spec.maxReplicas() == 0 ? null : spec.maxReplicas(),
        spec.server(),
        parameters,
        spec.secretName(),
        spec.explainer() == null
            ? null
            : new ExplainerRef(spec.explainer().type(), spec.explainer().modelRef(), spec.explainer().pipelineRef()));
  }
}
