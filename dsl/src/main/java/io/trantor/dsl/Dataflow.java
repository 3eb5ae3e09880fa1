package io.trantor.dsl;

/** {@code spec.dataflow} of a Model or Pipeline: whether its Kafka topics are deleted with it. */
public record Dataflow(boolean cleanTopicsOnDelete) {
}
