package io.trantor.dsl;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a step combines several sources: {@code inner} waits for all, {@code outer} joins whatever arrived
 * within the join window, {@code any} forwards the first to arrive.
 */
public enum JoinType {
    INNER, OUTER, ANY;

    /** The manifest spelling, e.g. {@code inner}. */
    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<JoinType> of(String value) {
        return Arrays.stream(values()).filter(t -> t.value().equals(value)).findFirst();
    }
}
