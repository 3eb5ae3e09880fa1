package io.trantor.workflows.activity;

/**
 * A Model's {@code spec.explainer}: an Alibi explainer of exactly one model ({@code modelRef}) or
 * pipeline ({@code pipelineRef}), the other being null.
 *
 * @param type the Alibi explainer, e.g. {@code anchor_tabular}
 */
public record ExplainerRef(String type, String modelRef, String pipelineRef) {}
