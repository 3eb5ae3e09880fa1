package io.trantor.dsl;

import java.util.Objects;

/** A {@code Model}: an artifact to load on a Server with enough replicas (reference §4.1). */
public record Model(Metadata metadata, ModelSpec spec) implements Resource {

    public Model {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
    }

    @Override
    public Kind kind() {
        return Kind.MODEL;
    }
}
