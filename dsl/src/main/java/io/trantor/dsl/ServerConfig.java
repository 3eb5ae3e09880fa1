package io.trantor.dsl;

import java.util.Objects;

/** A {@code ServerConfig}: the pod template a Server is built from (reference §4.3). */
public record ServerConfig(Metadata metadata, ServerConfigSpec spec) implements Resource {

    public ServerConfig {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
    }

    @Override
    public Kind kind() {
        return Kind.SERVER_CONFIG;
    }
}
