package io.trantor.dsl;

import java.util.Objects;

/** A {@code Pipeline}: a graph of model steps joined over Kafka topics (reference §4.4). */
public record Pipeline(Metadata metadata, PipelineSpec spec) implements Resource {

    public Pipeline {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
    }

    @Override
    public Kind kind() {
        return Kind.PIPELINE;
    }
}
