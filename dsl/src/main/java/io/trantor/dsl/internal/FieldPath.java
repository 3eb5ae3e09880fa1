package io.trantor.dsl.internal;

import java.util.regex.Pattern;

/**
 * A location inside a document in dot/bracket form: {@code spec.steps[2].inputs[0]}, and
 * {@code spec.steps[1].tensorMap["a.outputs.X"]} for map keys that are not plain identifiers.
 */
public record FieldPath(String value) {

    public static final FieldPath ROOT = new FieldPath("");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    public FieldPath field(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            return key(name);
        }
        return new FieldPath(value.isEmpty() ? name : value + "." + name);
    }

    /** A map key, always in brackets so that keys with dots stay one segment. */
    public FieldPath key(String key) {
        return new FieldPath(value + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]");
    }

    public FieldPath index(int index) {
        return new FieldPath(value + "[" + index + "]");
    }

    /** True when {@code other} is this path or lies inside it. */
    public boolean contains(FieldPath other) {
        return value.isEmpty() || other.value.equals(value) || other.value.startsWith(value + ".")
                || other.value.startsWith(value + "[");
    }

    @Override
    public String toString() {
        return value;
    }
}
