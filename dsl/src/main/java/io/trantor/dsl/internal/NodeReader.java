package io.trantor.dsl.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the fields of one mapping of a document, each at its path, and reports wrong types as problems
 * instead of failing (so one pass finds them all). A field that is absent or null reads as null; a field
 * of the wrong type is reported and also reads as null. {@link #finish()} reports the fields nobody read:
 * the unknown ones. Whether a field is required is the validators' business, except for schema-required
 * integers, which have no null.
 */
final class NodeReader {

    private final ObjectNode node;
    private final FieldPath path;
    private final ReadContext context;
    private final Set<String> known = new LinkedHashSet<>();

    NodeReader(ObjectNode node, FieldPath path, ReadContext context) {
        this.node = node;
        this.path = path;
        this.context = context;
    }

    FieldPath path() {
        return path;
    }

    /** Marks fields as known without reading them (cluster-owned fields such as {@code status}). */
    void ignore(String... fields) {
        known.addAll(List.of(fields));
    }

    String string(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            typeError(path.field(field), "a string", value);
            return null;
        }
        return value.textValue();
    }

    Integer integer(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            typeError(path.field(field), "an integer", value);
            return null;
        }
        if (!value.canConvertToInt()) {
            context.errors().add(path.field(field), "must be a 32-bit integer, got " + value.asText());
            return null;
        }
        return value.intValue();
    }

    int integer(String field, int absent) {
        Integer value = integer(field);
        return value == null ? absent : value;
    }

    /** A schema-required integer: reports its absence, since an int has no null to leave for validation. */
    int requiredInteger(String field) {
        if (value(field) == null) {
            context.errors().add(path.field(field), "required: expected an integer");
            return 0;
        }
        return integer(field, 0);
    }

    Long longInteger(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            typeError(path.field(field), "an integer", value);
            return null;
        }
        return value.longValue();
    }

    boolean bool(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            typeError(path.field(field), "true or false", value);
            return false;
        }
        return value.booleanValue();
    }

    /** A quantity may be written as a number or a string (Kubernetes int-or-string); returns its text. */
    String intOrString(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (value.isTextual() || value.isIntegralNumber()) {
            return value.asText();
        }
        typeError(path.field(field), "a string or an integer", value);
        return null;
    }

    /** A list of strings; a null entry (a bare {@code -}) reads as "" so validation can say it is empty. */
    List<String> strings(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        FieldPath listPath = path.field(field);
        if (!value.isArray()) {
            typeError(listPath, "a list of strings", value);
            return null;
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode entry = value.get(i);
            if (entry.isNull()) {
                result.add("");
            } else if (entry.isTextual()) {
                result.add(entry.textValue());
            } else {
                typeError(listPath.index(i), "a string", entry);
            }
        }
        return result;
    }

    Map<String, String> stringMap(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        FieldPath mapPath = path.field(field);
        if (!value.isObject()) {
            typeError(mapPath, "a mapping of strings to strings", value);
            return null;
        }
        Map<String, String> result = new LinkedHashMap<>();
        value.properties().forEach(entry -> {
            JsonNode entryValue = entry.getValue();
            if (entryValue.isTextual()) {
                result.put(entry.getKey(), entryValue.textValue());
            } else if (entryValue.isNull()) {
                result.put(entry.getKey(), "");
            } else {
                typeError(mapPath.key(entry.getKey()), "a string (quote it)", entryValue);
            }
        });
        return result;
    }

    /** A nested mapping read by {@code reader}, which must return what it built; null when absent. */
    <T> T object(String field, Function<NodeReader, T> reader) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            typeError(path.field(field), "a mapping", value);
            return null;
        }
        NodeReader nested = new NodeReader((ObjectNode) value, path.field(field), context);
        T result = reader.apply(nested);
        nested.finish();
        return result;
    }

    /** A list of mappings, each read by {@code reader}; entries of the wrong type are reported and skipped. */
    <T> List<T> objects(String field, Function<NodeReader, T> reader) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        FieldPath listPath = path.field(field);
        if (!value.isArray()) {
            typeError(listPath, "a list", value);
            return null;
        }
        List<T> result = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode entry = value.get(i);
            if (!entry.isObject()) {
                typeError(listPath.index(i), "a mapping", entry);
                continue;
            }
            NodeReader nested = new NodeReader((ObjectNode) entry, listPath.index(i), context);
            result.add(reader.apply(nested));
            nested.finish();
        }
        return result;
    }

    /** A Kubernetes object passed through untouched (only its being a mapping is checked). */
    JsonNode tree(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            typeError(path.field(field), "a mapping", value);
            return null;
        }
        return value;
    }

    /** A string that must be one of {@code values} (keyed by spelling); null when absent or wrong. */
    <E> E oneOf(String field, Map<String, E> values) {
        String text = string(field);
        if (text == null) {
            return null;
        }
        E result = values.get(text);
        if (result == null) {
            context.errors().add(path.field(field),
                    "\"" + text + "\" must be one of " + String.join(", ", values.keySet()));
        }
        return result;
    }

    void error(FieldPath at, String message) {
        context.errors().add(at, message);
    }

    /** Reports every field that no read or {@link #ignore} asked for. */
    void finish() {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                String hint = DidYouMean.suggest(name, known).map(s -> "; did you mean \"" + s + "\"?")
                        .orElse("; expected one of " + String.join(", ", known));
                context.unknownField(path.field(name), "unknown field" + hint);
            }
        });
    }

    private JsonNode value(String field) {
        known.add(field);
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private void typeError(FieldPath at, String expected, JsonNode actual) {
        context.errors().add(at, "expected " + expected + ", got " + describe(actual));
    }

    static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "\"" + node.textValue() + "\"";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        return node.asText();
    }
}
