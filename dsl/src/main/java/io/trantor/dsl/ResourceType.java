package io.trantor.dsl;

import java.util.Arrays;
import java.util.Optional;

/** What an Experiment's candidates and mirror are. */
public enum ResourceType {
    MODEL, PIPELINE;

    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<ResourceType> of(String value) {
        return Arrays.stream(values()).filter(t -> t.value().equals(value)).findFirst();
    }
}
