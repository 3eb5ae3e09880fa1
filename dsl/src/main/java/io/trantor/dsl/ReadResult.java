package io.trantor.dsl;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@link Manifests#read} found.
 *
 * @param resources the resources of the documents that have no problems, in source order
 * @param problems  every problem of every document (not just the first); non-empty means reject
 * @param warnings  things worth saying that do not reject a document (unknown fields under
 *                  {@link FieldValidation#WARN}, an underscore in a model or pipeline name)
 */
public record ReadResult(List<Resource> resources, List<Problem> problems, List<Problem> warnings) {

    public ReadResult {
        resources = List.copyOf(resources);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** The resources of the given type, e.g. {@code ofType(Model.class)}. */
    public <R extends Resource> List<R> ofType(Class<R> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** One problem a line, for a CLI's stderr or an exception message. */
    public String describeProblems() {
        return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }
}
