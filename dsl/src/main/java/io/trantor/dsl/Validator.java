package io.trantor.dsl;

import io.trantor.dsl.internal.ResourceValidator;
import java.util.List;

/**
 * Checks a resource against Seldon's rules (and a few it leaves to run time), returning every problem
 * found with its path. {@link Manifests#read} calls this for each document; other modules call it for
 * resources they build. Nothing here looks outside the resource: whether a referenced model exists, or a
 * URI can be fetched, is decided later.
 */
public final class Validator {

    private Validator() {
    }

    /** Every problem; non-empty means the resource must be rejected. */
    public static List<Problem> validate(Resource resource) {
        return ResourceValidator.check(resource).toList();
    }

    /**
     * What is accepted but worth telling the user, e.g. an underscore in a model name, which only
     * Kubernetes and Seldon's newer scheduler refuse.
     */
    public static List<Problem> warnings(Resource resource) {
        return ResourceValidator.check(resource).warnings();
    }
}
