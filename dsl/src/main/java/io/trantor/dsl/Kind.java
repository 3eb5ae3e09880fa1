package io.trantor.dsl;

import java.util.Arrays;
import java.util.Optional;

/** The resource kinds, with the names and short names of Seldon's CRDs (for {@code get mlm} and friends). */
public enum Kind {
    MODEL("Model", "mlm"),
    SERVER("Server", "mls"),
    SERVER_CONFIG("ServerConfig", "mlc"),
    PIPELINE("Pipeline", "mlp"),
    EXPERIMENT("Experiment", "mlx");

    private final String value;
    private final String shortName;

    Kind(String value, String shortName) {
        this.value = value;
        this.shortName = shortName;
    }

    /** The {@code kind:} string of a manifest, e.g. {@code ServerConfig}. */
    public String value() {
        return value;
    }

    public String shortName() {
        return shortName;
    }

    /** The kind whose {@code kind:} string is exactly {@code value} (Kubernetes kinds are case-sensitive). */
    public static Optional<Kind> of(String value) {
        return Arrays.stream(values()).filter(k -> k.value.equals(value)).findFirst();
    }
}
