package io.trantor.operator.crd;

/** {@code Model.spec.explainer}: a black-box explainer over a model or a pipeline. */
public record ExplainerSpec(String type, String modelRef, String pipelineRef) {
}
