package io.trantor.dsl.internal;

import io.trantor.dsl.FieldValidation;

/**
 * Where the readers of one document put what they find: type errors and (under
 * {@link FieldValidation#STRICT}) unknown fields are errors; unknown fields under WARN are warnings.
 */
public final class ReadContext {

    private final FieldValidation fieldValidation;
    private final ProblemList errors = new ProblemList();
    private final ProblemList warnings = new ProblemList();

    public ReadContext(FieldValidation fieldValidation) {
        this.fieldValidation = fieldValidation;
    }

    public ProblemList errors() {
        return errors;
    }

    public ProblemList warnings() {
        return warnings;
    }

    void unknownField(FieldPath path, String message) {
        switch (fieldValidation) {
            case STRICT -> errors.add(path, message);
            case WARN -> warnings.add(path, message);
            case IGNORE -> { }
        }
    }
}
