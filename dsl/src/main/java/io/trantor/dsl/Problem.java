package io.trantor.dsl;

/**
 * Something wrong with a manifest, as a value: where it is and what is expected instead.
 *
 * @param source   the file (or {@code <string>}, {@code <stdin>}) it came from; empty when a resource was
 *                 validated on its own
 * @param document 1-based position of the YAML/JSON document in the source; 0 when not from a source
 * @param path     dot/bracket path inside the document, e.g. {@code spec.steps[2].inputs[0]}; empty when
 *                 the problem concerns the whole document (e.g. a YAML syntax error)
 * @param message  what is wrong and what is expected, e.g. {@code must be >= minReplicas (2)}
 */
public record Problem(String source, int document, String path, String message) {

    public Problem {
        source = source == null ? "" : source;
        path = path == null ? "" : path;
    }

    /** A problem found in a resource on its own (not read from a source). */
    public static Problem at(String path, String message) {
        return new Problem("", 0, path, message);
    }

    /** The same problem, located in a source document. */
    public Problem in(String source, int document) {
        return new Problem(source, document, path, message);
    }

    /** {@code models/iris.yaml (document 2): spec.replicas: must be >= 0}, leaving out what is unknown. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (!source.isEmpty()) {
            text.append(source);
            if (document > 0) {
                text.append(" (document ").append(document).append(')');
            }
            text.append(": ");
        }
        if (!path.isEmpty()) {
            text.append(path).append(": ");
        }
        return text.append(message).toString();
    }
}
