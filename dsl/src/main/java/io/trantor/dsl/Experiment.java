package io.trantor.dsl;

import java.util.Objects;

/** An {@code Experiment}: a weighted split (and optional mirror) over models or pipelines (reference §4.5). */
public record Experiment(Metadata metadata, ExperimentSpec spec) implements Resource {

    public Experiment {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
    }

    @Override
    public Kind kind() {
        return Kind.EXPERIMENT;
    }
}
