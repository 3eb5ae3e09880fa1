package io.trantor.dsl.internal;

import io.trantor.dsl.Problem;
import java.util.ArrayList;
import java.util.List;

/** Collects problems while a document is read or a resource validated, so every one is reported. */
public final class ProblemList {

    private final List<Problem> problems = new ArrayList<>();

    public void add(FieldPath path, String message) {
        problems.add(Problem.at(path.value(), message));
    }

    public void addAll(List<Problem> more) {
        problems.addAll(more);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<Problem> toList() {
        return List.copyOf(problems);
    }
}
