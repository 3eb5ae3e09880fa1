package io.trantor.dsl.internal;

import io.trantor.dsl.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects problems while a document is read or a resource validated, so every one is reported, and
 * beside them the warnings: findings worth telling the user that do not reject the resource.
 */
public final class ProblemList {

    private final List<Problem> problems = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();

    public void add(FieldPath path, String message) {
        problems.add(Problem.at(path.value(), message));
    }

    public void addAll(List<Problem> more) {
        problems.addAll(more);
    }

    public void warn(FieldPath path, String message) {
        warnings.add(Problem.at(path.value(), message));
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** The problems (not the warnings). */
    public List<Problem> toList() {
        return List.copyOf(problems);
    }

    public List<Problem> warnings() {
        return List.copyOf(warnings);
    }
}
