package io.trantor.dsl;

/**
 * What to do with fields a kind does not have, named after kubectl's {@code --validate} modes.
 * {@link #STRICT} is the default because both ways of applying a Seldon manifest reject them: the
 * {@code seldon} CLI decodes strictly ({@code json: unknown field "storagUri"}) and kubectl's default
 * server-side field validation is {@code Strict}. A misspelt field silently dropped (Kubernetes' structural
 * pruning with {@code --validate=false}) is the kind of mistake users need to hear about.
 */
public enum FieldValidation {
    /** An unknown field is a problem: the document is rejected. */
    STRICT,
    /** An unknown field is reported in {@link ReadResult#warnings()} and dropped. */
    WARN,
    /** An unknown field is dropped silently, as Kubernetes' structural schema prunes it. */
    IGNORE
}
