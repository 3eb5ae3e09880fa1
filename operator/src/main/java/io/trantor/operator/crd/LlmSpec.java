package io.trantor.operator.crd;

/** {@code Model.spec.llm}: the model or pipeline an LLM runtime refers to. */
public record LlmSpec(String modelRef, String pipelineRef) {
}
