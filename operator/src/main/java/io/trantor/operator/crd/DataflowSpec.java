package io.trantor.operator.crd;

/** {@code spec.dataflow} of a Model or Pipeline: whether its Kafka topics are deleted with it. */
public record DataflowSpec(Boolean cleanTopicsOnDelete) {
}
