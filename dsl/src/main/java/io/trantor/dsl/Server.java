package io.trantor.dsl;

import java.util.Objects;

/** A {@code Server}: a scalable set of inference-server replicas built from a ServerConfig (reference §4.2). */
public record Server(Metadata metadata, ServerSpec spec) implements Resource {

    public Server {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
    }

    @Override
    public Kind kind() {
        return Kind.SERVER;
    }
}
